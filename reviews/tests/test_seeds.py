"""Every fact of the seed review, essay and comments, checked on the loaded data."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from reviews.discussions import build_thread
from reviews.models import Comment, Review

BLOG = "odessa-comrades-almost-a-love-story"
ESSAY = "comrades-almost-a-love-story-essay"


@pytest.fixture
def blog(seeded):
    return Review.objects.select_related("author", "film").get(slug=BLOG)


@pytest.fixture
def essay(seeded):
    return Review.objects.select_related("author", "film").get(slug=ESSAY)


def test_seed_members_have_handles_and_display_names(seeded):
    members = get_user_model().objects.filter(
        username__in=["filmclub", "odessa", "julie", "unnamed-reader"]
    )

    assert sorted(members.values_list("username", "display_name")) == [
        ("filmclub", "filmclub"),
        ("julie", "julie"),
        ("odessa", "Odessa"),
        ("unnamed-reader", ""),
    ]


def test_seed_members_cannot_sign_in_until_a_password_is_set(seeded):
    members = get_user_model().objects.filter(
        username__in=["filmclub", "odessa", "julie", "unnamed-reader"]
    )

    assert [member.has_usable_password() for member in members] == [False] * 4
    assert [member.check_password("") for member in members] == [False] * 4
    assert [member.is_staff for member in members] == [False] * 4


def test_seed_blog_review(blog):
    assert blog.title == "comrades, almost a love story"
    assert blog.author.username == "odessa"
    assert blog.film.slug == "comrades-almost-a-love-story"
    assert blog.how_i_saw_it == (
        "On VCD, borrowed from the Chinatown library, "
        "with hard to read subtitles and low picture quality."
    )
    assert blog.rating is None
    assert blog.is_public is True
    assert blog.body.startswith("I've been looking for this movie for awhile now")
    assert blog.body.endswith("its definitely worth the search.")
    assert blog.body.count("\n\n") == 3
    assert "from the <em>almost</em> part of the title" in blog.body_html


def test_seed_essay_is_the_clubs_published_2025_06_30(essay):
    assert essay.title == "Comrades: Almost a Love Story"
    assert essay.author.username == "filmclub"
    assert essay.film.slug == "comrades-almost-a-love-story"
    assert timezone.localtime(essay.published_at).date().isoformat() == "2025-06-30"
    assert essay.is_public is True
    assert essay.body.startswith(
        "Is it really being in love with someone if you never get to love them?"
    )
    assert essay.body.endswith("It will be preceded by David Ma’s To Become a Lion.")
    assert essay.body.count("\n\n") == 4


def test_seed_comments_thread_with_the_authors_reply_under_julies(blog):
    comments = build_thread(
        list(Comment.objects.for_thread(blog)), review=blog, user=get_user_model()()
    )

    assert [(c.author.username, [r.author.username for r in c.children]) for c in comments] == [
        ("julie", ["odessa"]),
        ("unnamed-reader", []),
    ]
    julie, unnamed = comments
    assert julie.body.startswith("Hi, Odessa. Please excuse me for taking so long")
    assert julie.body.endswith("I'm always looking for a good film.")
    assert julie.body.count("\n\n") == 1
    assert unnamed.body == "I know the actor named Li Ming"
    assert julie.children[0].body == (
        "julie, no worries. and thank you soooo much for dropping by! "
        "let me know if your library has it or if you've seen it :)"
    )
    assert julie.children[0].by_review_author is True


def test_seed_review_page_shows_the_thread(client, blog):
    response = client.get(blog.get_absolute_url())

    assert response.context["comment_total"] == 3
    assert response.text.count('<span class="badge">review author</span>') == 1
    assert "@unnamed-reader" in response.text


def test_seed_film_page_lists_both_reviews(client, seeded):
    response = client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))

    assert [review.slug for review in response.context["reviews"]] == [ESSAY, BLOG]
    assert response.context["rating_summary"].rated == 0
    assert "None of the reviews gives a rating yet." in response.text
    assert "No member has rated it yet." not in response.text  # said once, not twice


def test_a_film_nobody_reviewed_says_no_member_rated_it(client, make_film):
    response = client.get(make_film().get_absolute_url())

    assert "No member has rated it yet." in response.text
    assert "None of the reviews gives a rating yet." not in response.text


def test_loading_seeds_twice_duplicates_nothing(seeded):
    from django.core.management import call_command

    call_command("loadseeds", "--force", verbosity=0)

    assert (Review.objects.count(), Comment.objects.count()) == (2, 3)
