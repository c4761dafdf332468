"""A member who has not confirmed their email address leaves no public trace: their page is not
found by others, and what they write waits (User.members.public())."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.tests.joining import signup
from reviews.models import Comment, Review

UNCONFIRMED = (
    "Confirm your email address first: what you write is shown once you follow the link we "
    "sent you (“Email and password” in your menu sends it again)."
)


@pytest.fixture
def unconfirmed(make_user):
    member = make_user(username="spammer", display_name="Cheap Pills")
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)
    return member


@pytest.mark.parametrize("viewer", ["visitor", "another member", "staff"])
def test_an_unconfirmed_members_page_is_not_found_by_others(client, unconfirmed, make_user, viewer):
    if viewer != "visitor":
        client.force_login(make_user(is_staff=viewer == "staff"))

    response = client.get(unconfirmed.get_absolute_url())

    assert response.status_code == 404
    assert "Cheap Pills" not in response.text


def test_an_unconfirmed_member_sees_their_own_page(client, unconfirmed):
    client.force_login(unconfirmed)

    response = client.get(unconfirmed.get_absolute_url())

    assert response.status_code == 200
    assert response.context["member"] == unconfirmed


def test_once_confirmed_the_page_is_public(client, unconfirmed):
    EmailAddress.objects.filter(user=unconfirmed).update(verified=True)

    response = client.get(unconfirmed.get_absolute_url())

    assert response.status_code == 200


def test_an_unconfirmed_members_review_waits_as_a_draft(client, unconfirmed, make_film):
    film = make_film()
    client.force_login(unconfirmed)

    response = client.post(
        reverse("reviews:create"),
        {"film": film.pk, "title": "Buy now", "body": "Cheap pills", "action": "publish"},
        follow=True,
    )

    review = Review.objects.get(title="Buy now")
    assert review.status == Review.Status.DRAFT
    assert [str(message) for message in response.context["messages"]] == [
        f"Saved as a draft. {UNCONFIRMED}"
    ]
    client.logout()
    assert "Buy now" not in client.get(reverse("reviews:list")).text


def test_an_unconfirmed_member_cannot_comment(client, unconfirmed, make_review):
    review = make_review()
    client.force_login(unconfirmed)

    response = client.post(reverse("reviews:comment", args=[review.slug]), {"body": "Pills!"})

    assert response.status_code == 403
    assert response.context["form"].non_field_errors() == [UNCONFIRMED]
    assert "Pills!</textarea>" in response.text
    assert Comment.objects.filter(body="Pills!").exists() is False


def test_a_refused_comment_is_said_to_be_not_posted_and_kept_in_the_box(
    client, unconfirmed, make_review
):
    review = make_review()
    client.force_login(unconfirmed)

    response = client.post(reverse("reviews:comment", args=[review.slug]), {"body": "Pills!"})

    assert "<h1>Your comment: not posted yet</h1>" in response.text
    assert "<title>Your comment: not posted yet" in response.text
    assert "Pills!</textarea>" in response.text


def test_editing_a_comment_says_not_saved_only_when_something_keeps_it(
    client, member, make_review, make_comment
):
    comment = make_comment(make_review(), author=member)
    client.force_login(member)
    url = reverse("reviews:comment-update", args=[comment.pk])

    assert "<h1>Edit your comment</h1>" in client.get(url).text
    refused = client.post(url, {"body": ""})
    assert "<h1>Edit your comment: not saved yet</h1>" in refused.text


def test_a_new_signup_is_out_of_sight_until_confirmed(client, db):
    signup(client)
    member = get_user_model().objects.get(username="newbie")
    client.logout()

    before = client.get(member.get_absolute_url())
    EmailAddress.objects.filter(user=member).update(verified=True)
    after = client.get(member.get_absolute_url())

    assert (before.status_code, after.status_code) == (404, 200)


def test_seed_members_who_have_no_email_stay_public(client, seeded):
    response = client.get(reverse("members:detail", args=["julie"]))

    assert response.status_code == 200


def signup_from(client, address, handle):
    client.logout()
    data = {
        "email": f"{handle}@example.com",
        "username": handle,
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    return client.post(reverse("account_signup"), data, REMOTE_ADDR=address)


def test_signups_are_limited_per_address(client, db):
    for number in range(10):
        signup_from(client, "10.0.0.1", f"n{number}")

    refused = signup_from(client, "10.0.0.1", "xx")
    elsewhere = signup_from(client, "10.0.0.2", "yy")

    handles = set(get_user_model().objects.values_list("username", flat=True))
    assert refused.status_code == 429
    assert 'class="site-header"' in refused.text
    assert elsewhere.status_code == 302
    assert "xx" not in handles
    assert "yy" in handles


def test_an_unconfirmed_member_who_likes_a_review_is_told_why_and_how(
    client, unconfirmed, make_review
):
    review = make_review()
    client.force_login(unconfirmed)

    response = client.post(reverse("reviews:like", args=[review.slug]))

    assert response.status_code == 403
    assert UNCONFIRMED in response.text
    assert "Confirm your email address first</h1>" in response.text
    assert f'<a href="{reverse("account_email")}">Send the confirmation mail again</a>' in (
        response.text
    )
    assert "That isn’t yours to change" not in response.text
