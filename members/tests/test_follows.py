"""Following a member (a POST toggle), and the followers / following pages."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import Follow


def follow_url(member):
    return reverse("members:follow", args=[member.username])


def test_follow_then_unfollow(signed_in, make_user):
    fan, critic = make_user(), make_user(display_name="Ann Hui fan")
    client = signed_in(fan)

    first = client.post(follow_url(critic), follow=True)
    following_after_first = Follow.objects.filter(follower=fan, followed=critic).exists()
    client.post(follow_url(critic))
    following_after_second = Follow.objects.filter(follower=fan, followed=critic).exists()

    assert following_after_first is True
    assert "You follow Ann Hui fan: their logs lead your home page." in first.text
    assert following_after_second is False


def test_follow_returns_to_next_on_this_site_only(signed_in, make_user):
    fan, critic = make_user(), make_user()
    client = signed_in(fan)

    inside = client.post(follow_url(critic), {"next": "/films/"})
    outside = client.post(follow_url(critic), {"next": "https://evil.example/"})

    assert inside.url == "/films/"
    assert outside.url == critic.get_absolute_url()


def test_following_oneself_is_refused_with_a_message(signed_in, make_user):
    member = make_user()

    response = signed_in(member).post(follow_url(member), follow=True)

    assert "You cannot follow yourself." in response.text
    assert Follow.objects.count() == 0


def test_follow_needs_sign_in(client, make_user):
    critic = make_user()

    response = client.post(follow_url(critic))

    assert response.url.startswith(reverse("account_login"))
    assert Follow.objects.count() == 0


def test_follow_is_a_post(signed_in, make_user):
    fan, critic = make_user(), make_user()

    response = signed_in(fan).get(follow_url(critic))

    assert response.status_code == 405
    assert Follow.objects.count() == 0


def test_an_unconfirmed_member_cannot_be_followed(signed_in, make_user):
    fan, hidden = make_user(), make_user()
    EmailAddress.objects.create(user=hidden, email=hidden.email, verified=False, primary=True)

    response = signed_in(fan).post(follow_url(hidden))

    assert response.status_code == 404
    assert Follow.objects.count() == 0


def test_an_inactive_member_cannot_be_followed(signed_in, make_user):
    fan, gone = make_user(), make_user(is_active=False)

    response = signed_in(fan).post(follow_url(gone))

    assert response.status_code == 404


def test_follow_is_rate_limited(signed_in, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "follow": "2/m"}
    fan, critic = make_user(), make_user()
    client = signed_in(fan)
    client.post(follow_url(critic))
    client.post(follow_url(critic))

    response = client.post(follow_url(critic))

    assert response.status_code == 429
    assert Follow.objects.count() == 0


def test_followers_and_following_pages_name_the_members(client, make_user):
    critic = make_user(username="critic")
    fans = [make_user(username=f"fan{n}") for n in range(2)]
    for fan in fans:
        Follow.objects.create(follower=fan, followed=critic)
    Follow.objects.create(follower=critic, followed=fans[0])

    followers = client.get(reverse("members:followers", args=["critic"]))
    following = client.get(reverse("members:following", args=["critic"]))

    assert list(followers.context["people"]) == fans
    assert "2 followers" in followers.text
    assert list(following.context["people"]) == [fans[0]]
    assert "1 following" in following.text


def test_followers_page_leaves_out_unconfirmed_and_inactive_members(client, make_user):
    critic, shown = make_user(), make_user()
    unconfirmed, inactive = make_user(), make_user(is_active=False)
    EmailAddress.objects.create(
        user=unconfirmed, email=unconfirmed.email, verified=False, primary=True
    )
    for follower in (shown, unconfirmed, inactive):
        Follow.objects.create(follower=follower, followed=critic)

    response = client.get(reverse("members:followers", args=[critic.username]))

    assert list(response.context["people"]) == [shown]
    assert response.context["follower_count"] == 1


def test_followers_page_offers_follow_and_unfollow(signed_in, make_user):
    fan, critic = make_user(), make_user(display_name="Critic")
    client = signed_in(fan)
    page = reverse("members:followers", args=[critic.username])

    before = client.get(page)
    Follow.objects.create(follower=fan, followed=critic)
    after = client.get(page)

    assert "Follow Critic</" in before.text.replace("\n", "").replace("  ", "")
    assert after.context["viewer_follows"] is True
    assert "Following Critic · unfollow" in after.text


def test_a_follow_shows_at_once_on_a_cached_followers_page(client, signed_in, make_user):
    critic, fan = make_user(), make_user(username="newfan")
    page = reverse("members:followers", args=[critic.username])
    client.get(page)  # kept for visitors

    signed_in(fan).post(follow_url(critic))
    response = client.get(page)

    assert list(response.context["people"]) == [fan]


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("page", ["followers", "following"])
def test_follow_pages_query_count_is_constant(
    client, make_user, page, count, django_assert_num_queries
):
    critic = make_user()
    for _ in range(count):
        other = make_user()
        Follow.objects.create(follower=other, followed=critic)
        Follow.objects.create(follower=critic, followed=other)

    with django_assert_num_queries(4):
        response = client.get(reverse(f"members:{page}", args=[critic.username]))

    assert len(response.context["people"]) == count
