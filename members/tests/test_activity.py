"""The signed-in home page's activity feed: what followed members logged, reviewed and said."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members import activity
from members.models import Follow
from reviews.models import Review


@pytest.fixture
def fan(make_user):
    return make_user(username="fan")


@pytest.fixture
def followed(make_user, fan):
    critic = make_user(username="critic", display_name="The Critic")
    Follow.objects.create(follower=fan, followed=critic)
    return critic


def feed_section(response):
    """The feed's HTML alone (the club's part of the home page shows the latest reviews too)."""
    text = response.text
    start = text.index('id="feed"')
    return text[start : text.index("</section>", start)]


def feed_of(client):
    return list(client.get(reverse("home")).context["feed"].object_list)


def test_feed_shows_followed_members_reviews_logs_and_comments_newest_first(
    signed_in, fan, followed, make_review, make_comment, make_film
):
    now = timezone.now()
    review = make_review(author=followed, title="Sweet", published_at=now - timedelta(hours=3))
    log = Review.objects.create(
        film=make_film(title="Comrades"),
        author=followed,
        rating=8,
        watched_on=now.date(),
        status=Review.Status.PUBLISHED,
        published_at=now - timedelta(hours=2),
    )
    comment = make_comment(make_review(), author=followed, body="Hear, hear.")

    response = signed_in(fan).get(reverse("home"))

    items = response.context["feed"].object_list
    assert [(item.kind, item.review or item.comment) for item in items] == [
        ("comment", comment),
        ("log", log),
        ("log", review),
    ]
    text = " ".join(response.text.split())
    assert 'The Critic</a> <span class="handle">@critic</span> watched <a' in text
    assert "Hear, hear." in feed_section(response)
    assert "Sweet" in feed_section(response)


def test_feed_leaves_out_members_not_followed_and_oneself(
    signed_in, fan, followed, make_review, make_user
):
    make_review(author=make_user())
    make_review(author=fan)

    assert feed_of(signed_in(fan)) == []


def test_feed_leaves_out_drafts_hidden_scheduled_and_hidden_comments(
    signed_in, fan, followed, make_review, make_comment
):
    make_review(author=followed, status=Review.Status.DRAFT)
    make_review(author=followed).hide("Spam")
    make_review(author=followed, published_at=timezone.now() + timedelta(days=1))
    make_comment(make_review(), author=followed).hide("Rude")
    hidden_review = make_review()
    make_comment(hidden_review, author=followed)
    hidden_review.hide("Spam")

    assert feed_of(signed_in(fan)) == []


def test_feed_leaves_out_inactive_members(signed_in, fan, followed, make_review):
    make_review(author=followed)
    followed.is_active = False
    followed.save()

    assert feed_of(signed_in(fan)) == []


def test_feed_tells_a_member_who_follows_nobody_how_to_start(signed_in, make_user):
    response = signed_in(make_user()).get(reverse("home"))

    assert "Follow members (from their pages" in response.text


def test_visitors_see_no_feed(client, db):
    response = client.get(reverse("home"))

    assert "feed" not in response.context
    assert "From the members you follow" not in response.text


def test_feed_is_paginated(signed_in, fan, followed, make_review, settings, monkeypatch):
    monkeypatch.setattr(activity, "FEED_PAGE_SIZE", 2)
    reviews = [
        make_review(author=followed, published_at=timezone.now() - timedelta(hours=n))
        for n in range(1, 4)
    ]
    client = signed_in(fan)

    second = client.get(reverse("home"), {"page": 2})
    beyond = client.get(reverse("home"), {"page": "x"})

    assert [item.review for item in second.context["feed"].object_list] == [reviews[2]]
    assert "Page 2 of 2" in second.text
    assert [item.review for item in beyond.context["feed"].object_list] == reviews[:2]


def test_a_page_past_the_feeds_end_shows_its_last(
    signed_in, fan, followed, make_review, monkeypatch
):
    monkeypatch.setattr(activity, "FEED_PAGE_SIZE", 2)
    reviews = [
        make_review(author=followed, published_at=timezone.now() - timedelta(hours=n))
        for n in range(1, 4)
    ]

    past = signed_in(fan).get(reverse("home"), {"page": 99})

    assert [item.review for item in past.context["feed"].object_list] == [reviews[2]]
    assert "Page 2 of 2" in past.text


def test_one_members_feed_is_never_served_to_another(signed_in, make_user, make_review, settings):
    """The page cache and the home page's shared part are on (conftest): each member sees
    whom they follow, in either order of asking."""
    first, second = make_user(), make_user()
    ann, bob = make_user(), make_user()
    Follow.objects.create(follower=first, followed=ann)
    Follow.objects.create(follower=second, followed=bob)
    ann_review = make_review(author=ann, title="Ann on Boat People")
    bob_review = make_review(author=bob, title="Bob on Song of the Exile")

    first_page = signed_in(first).get(reverse("home"))
    second_page = signed_in(second).get(reverse("home"))

    assert [item.review for item in first_page.context["feed"].object_list] == [ann_review]
    assert "Bob on Song of the Exile" not in feed_section(first_page)
    assert [item.review for item in second_page.context["feed"].object_list] == [bob_review]
    assert "Ann on Boat People" not in feed_section(second_page)
    assert "private" in second_page["Cache-Control"]


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_is_constant(
    signed_in, fan, make_user, make_review, make_comment, count, django_assert_num_queries
):
    for _ in range(count):
        member = make_user()
        Follow.objects.create(follower=fan, followed=member)
        review = make_review(author=member)
        make_comment(review, author=member)
    client = signed_in(fan)
    client.get(reverse("home"))  # the club's shared part, kept

    with django_assert_num_queries(6):
        response = client.get(reverse("home"))

    assert len(response.context["feed"].object_list) == 2 * count


def test_feed_times_are_the_clubs_local_time(signed_in, fan, followed, make_review, settings):
    settings.TIME_ZONE = "America/New_York"
    make_review(author=followed, published_at=datetime(2026, 7, 1, 1, 30, tzinfo=UTC))

    section = feed_section(signed_in(fan).get(reverse("home")))

    # 1:30 UTC on 1 July is 21:30 the evening before in New York
    assert '<time datetime="2026-06-30T21:30:00-04:00">30 June 2026, 21:30</time>' in section
