"""The log form (a review is a log with text), the half-star rating control, a log's own page
without text, and the film page's quick rating."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from reviews.models import Review
from reviews.tests.forms import log_data, review_data


def test_log_without_text_is_published_at_once_as_a_diary_entry(client, make_user, make_film):
    member = make_user(username="odessa")
    film = make_film(title="Comrades")
    client.force_login(member)

    response = client.post(reverse("reviews:create"), log_data(film, is_rewatch="on", liked="on"))

    log = Review.objects.get()
    assert response.status_code == 302
    assert response.url == log.get_absolute_url()
    assert (log.status, log.watched_on, log.rating, log.is_rewatch, log.liked, log.title) == (
        Review.Status.PUBLISHED,
        date(2024, 5, 31),
        7,
        True,
        True,
        "",
    )
    page = client.get(log.get_absolute_url())
    assert "odessa @odessa rewatched Comrades (2000)" in " ".join(strip_tags(page.text).split())
    assert "Friday 31 May 2024" in page.text
    assert "On VCD" in page.text
    assert 'id="comments"' not in page.text  # a diary line, not a review with a discussion


def test_log_form_starts_with_today_and_the_film(client, make_user, make_film):
    film = make_film()
    client.force_login(make_user())

    response = client.get(reverse("reviews:create"), {"film": film.slug})

    form = response.context["form"]
    assert (form.initial["film"], form.initial["watched_on"]) == (film, timezone.localdate())
    assert "is_rewatch" not in form.initial
    assert response.context["earlier_logs"] == []


def test_logging_a_film_already_reviewed_offers_a_rewatch_or_editing_the_review(
    client, make_user, make_review
):
    member = make_user()
    review = make_review(author=member, title="First look", watched_on=date(2020, 1, 2))
    client.force_login(member)

    response = client.get(reverse("reviews:create"), {"film": review.film.slug})

    assert response.context["form"].initial["is_rewatch"] is True
    assert response.context["earlier_logs"] == [review]
    assert response.context["earlier_review"] == review
    assert reverse("reviews:update", args=[review.slug]) in response.text
    assert "Watched on 2 January 2020 — “First look”" in " ".join(strip_tags(response.text).split())


def test_logging_a_film_only_rated_fills_in_the_rating_and_is_no_rewatch(
    client, make_user, make_film
):
    member = make_user()
    film = make_film()
    client.force_login(member)
    client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"})

    response = client.get(reverse("reviews:create"), {"film": film.slug})

    form = response.context["form"]
    assert (form.initial["film"], form.initial["rating"]) == (film, 8)
    assert "is_rewatch" not in form.initial
    assert response.context["earlier_logs"] == []
    text = " ".join(strip_tags(response.text).split())
    assert "You marked this film seen, rated 4 stars, without a date." in text
    assert "You have logged this film before" not in response.text


def test_logging_a_film_dated_before_and_since_marked_seen_is_a_rewatch(
    client, make_user, make_review
):
    member = make_user()
    dated = make_review(author=member, title="", body="", watched_on=date(2020, 1, 2), rating=4)
    mark = make_review(author=member, film=dated.film, title="", body="", rating=9, liked=True)
    client.force_login(member)

    response = client.get(reverse("reviews:create"), {"film": dated.film.slug})

    form = response.context["form"]
    assert (form.initial["is_rewatch"], form.initial["rating"], form.initial["liked"]) == (
        True,
        mark.rating,
        True,
    )
    assert response.context["earlier_logs"] == [dated]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Logged: it is in your diary."),
        ("Better the second time.", "Your review is published."),
    ],
)
def test_logging_a_film_after_a_quick_rating_turns_the_rating_into_the_log(
    client, make_user, make_film, body, message
):
    member = make_user(username="odessa")
    film = make_film()
    client.force_login(member)
    client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"}, follow=True)
    mark = Review.objects.get()

    response = client.post(reverse("reviews:create"), log_data(film, body=body), follow=True)

    log = Review.objects.get()
    assert response.redirect_chain == [(log.get_absolute_url(), 302)]
    assert [str(each) for each in response.context["messages"]] == [message]
    assert (log.pk, log.watched_on, log.body, log.rating, log.is_rewatch, log.is_public) == (
        mark.pk,
        date(2024, 5, 31),
        body,
        7,
        False,
        True,
    )
    assert log.published_at > mark.published_at  # logged now: the activity shows it now
    diary = client.get(reverse("members:diary", args=["odessa"]))
    assert list(diary.context["logs"]) == [log]
    assert Review.objects.for_film(film).rating_summary().average == 7


@pytest.fixture
def film_rated_8(client, make_user, make_film):
    """A film the member signed in on `client` quick-rated 8 (4 stars): a bare mark."""
    film = make_film()
    client.force_login(make_user())
    client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"})
    return film


def test_logging_a_film_after_a_quick_rating_without_rating_keeps_the_marks_rating(
    client, film_rated_8
):
    film = film_rated_8

    client.post(reverse("reviews:create"), log_data(film, rating=""))

    log = Review.objects.get()
    assert (log.watched_on, log.rating) == (date(2024, 5, 31), 8)
    assert Review.objects.for_film(film).rating_summary().average == 8


def test_a_draft_leaves_the_quick_rating_public(client, film_rated_8):
    film = film_rated_8

    client.post(reverse("reviews:create"), review_data(film, rating="6", action="draft"))

    mark, draft = Review.objects.order_by("pk")
    assert (mark.rating, mark.is_public, mark.has_text) == (8, True, False)
    assert (draft.rating, draft.status, draft.body) == (
        6,
        Review.Status.DRAFT,
        "The *almost* matters.",
    )
    assert Review.objects.published().for_film(film).rating_summary().average == 8
    page = client.get(film.get_absolute_url())
    assert "Average 4 out of 5 from 1 rating." in " ".join(strip_tags(page.text).split())


@pytest.mark.parametrize(("draft_rating", "rating"), [("", 8), ("6", 6)])
def test_publishing_a_draft_takes_the_place_of_the_quick_rating(
    client, film_rated_8, draft_rating, rating
):
    film = film_rated_8
    client.post(reverse("reviews:create"), review_data(film, rating=draft_rating, action="draft"))
    draft = Review.objects.get(status=Review.Status.DRAFT)

    client.post(
        reverse("reviews:update", args=[draft.slug]), review_data(film, rating=draft_rating)
    )

    log = Review.objects.get()
    assert (log.pk, log.is_public, log.body, log.rating) == (
        draft.pk,
        True,
        "The *almost* matters.",
        rating,
    )
    assert Review.objects.for_film(film).rating_summary().average == rating


def test_a_quick_rating_while_a_draft_waits_is_public_at_once_and_the_draft_keeps_it(
    client, make_user, make_film
):
    member, film = make_user(), make_film()
    client.force_login(member)
    client.post(reverse("reviews:create"), review_data(film, rating="6", action="draft"))
    draft = Review.objects.get()
    rate = reverse("reviews:rate", args=[film.slug])

    first = client.post(rate, {"rating": "8"}, follow=True)
    again = client.post(rate, {"rating": "9"}, follow=True)

    assert [str(message) for message in first.context["messages"]][-1] == (
        "Rated 4 out of 5. It shows on the film as your rating now, and your draft review "
        "has it too."
    )
    assert [str(message) for message in again.context["messages"]] == [
        "Rated 4½ out of 5. It shows on the film as your rating now, and your draft review "
        "has it too."
    ]
    page = " ".join(strip_tags(again.text).split())
    assert "Average 4½ out of 5 from 1 rating." in page
    draft.refresh_from_db()
    assert (draft.rating, draft.is_draft) == (9, True)

    client.post(reverse("reviews:update", args=[draft.slug]), review_data(film, rating="9"))

    log = Review.objects.get()  # the draft, published, took the quick rating's mark in
    assert (log.pk, log.rating, log.is_public) == (draft.pk, 9, True)


def test_clearing_the_rating_clears_the_draft_and_says_so(client, film_rated_8):
    film = film_rated_8
    client.post(reverse("reviews:create"), review_data(film, rating="6", action="draft"))

    answer = client.post(reverse("reviews:rate", args=[film.slug]), {"rating": ""}, follow=True)

    assert [str(message) for message in answer.context["messages"]][-1] == (
        "Your rating is cleared. Your draft review has no rating now either."
    )
    assert [log.rating for log in Review.objects.order_by("pk")] == [None, None]


def test_publishing_a_draft_leaves_a_later_log_alone(client, film_rated_8):
    film = film_rated_8
    client.post(reverse("reviews:create"), review_data(film, action="draft"))
    client.post(reverse("reviews:create"), log_data(film))  # takes the mark's place
    draft = Review.objects.get(status=Review.Status.DRAFT)

    client.post(reverse("reviews:update", args=[draft.slug]), review_data(film))

    logs = Review.objects.order_by("pk")
    assert [(log.watched_on, log.rating, log.has_text, log.is_public) for log in logs] == [
        (date(2024, 5, 31), 7, False, True),
        (None, None, True, True),
    ]


def test_logging_a_film_logged_before_adds_a_rewatch(client, make_user, make_review):
    member = make_user()
    dated = make_review(author=member, title="", body="", watched_on=date(2020, 1, 2), rating=4)
    client.force_login(member)

    client.post(reverse("reviews:create"), log_data(dated.film, is_rewatch="on"))

    logs = Review.objects.order_by("pk")
    assert [(log.watched_on, log.rating, log.is_rewatch) for log in logs] == [
        (date(2020, 1, 2), 4, False),
        (date(2024, 5, 31), 7, True),
    ]


def test_logging_a_film_logged_before_and_since_marked_seen_turns_the_mark_into_the_rewatch(
    client, make_user, make_review
):
    member = make_user()
    dated = make_review(author=member, title="", body="", watched_on=date(2020, 1, 2), rating=4)
    mark = make_review(author=member, film=dated.film, title="", body="", rating=9)
    client.force_login(member)

    client.post(reverse("reviews:create"), log_data(dated.film, is_rewatch="on"))

    logs = Review.objects.order_by("pk")
    assert [(log.pk, log.watched_on, log.rating, log.is_rewatch) for log in logs] == [
        (dated.pk, date(2020, 1, 2), 4, False),
        (mark.pk, date(2024, 5, 31), 7, True),
    ]


def test_a_title_alone_is_refused(client, make_user, make_film):
    client.force_login(make_user())

    response = client.post(reverse("reviews:create"), log_data(make_film(), title="Only a title"))

    assert response.context["form"].errors == {
        "title": ["A title goes with a review: write the review too."]
    }
    assert Review.objects.count() == 0


def test_a_review_without_title_is_a_review(client, make_user, make_film):
    client.force_login(make_user())

    client.post(reverse("reviews:create"), log_data(make_film(), body="Quietly *great*."))

    review = Review.objects.get()
    assert (review.has_text, review.title, review.is_published) == (True, "", True)
    assert Review.objects.with_text().get() == review


def test_a_draft_log_without_text_is_published_all_the_same(client, make_user, make_film):
    client.force_login(make_user())

    client.post(reverse("reviews:create"), log_data(make_film(), action="draft"))

    assert Review.objects.get().status == Review.Status.PUBLISHED


def test_an_unconfirmed_members_log_without_text_waits_for_confirmation(
    client, make_user, make_film
):
    member = make_user()
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)
    client.force_login(member)

    response = client.post(reverse("reviews:create"), log_data(make_film()))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("Confirm your email")
    assert Review.objects.count() == 0


def test_the_rating_control_is_ten_labelled_radios_and_no_rating(client, make_user, make_film):
    client.force_login(make_user())

    response = client.get(reverse("reviews:create"))

    text = response.text
    assert "<legend>Your rating</legend>" in text
    assert text.count('name="rating"') == 11
    assert '<span class="visually-hidden">½ star</span>' in text
    assert '<span class="visually-hidden">5 stars</span>' in text
    assert 'value="" id="id_rating_0"\n      class="star-clear" checked>' in text
    assert "js/stars.js" in text


def test_the_rating_control_shows_the_saved_rating(client, make_user, make_review):
    member = make_user()
    review = make_review(author=member, rating=7)
    client.force_login(member)

    response = client.get(reverse("reviews:update", args=[review.slug]))

    assert 'value="7" id="id_rating_7"\n      class="star" checked>' in response.text


# The film page's quick rating


def test_quick_rating_marks_the_film_seen_and_rated(client, make_user, make_film):
    member = make_user()
    film = make_film()
    client.force_login(member)

    response = client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"})

    log = Review.objects.get()
    assert response.url == film.get_absolute_url()
    assert (log.rating, log.watched_on, log.is_public, log.has_text) == (8, None, True, False)
    assert Review.objects.for_film(film).rating_summary().average == 8


def test_quick_rating_again_changes_the_latest_log_and_clears_it(client, make_user, make_review):
    member = make_user()
    older = make_review(author=member, rating=4)
    latest = make_review(author=member, film=older.film, rating=6, watched_on=date(2024, 1, 1))
    client.force_login(member)

    client.post(reverse("reviews:rate", args=[older.film.slug]), {"rating": "9"})
    latest.refresh_from_db()
    assert (Review.objects.count(), latest.rating) == (2, 9)
    assert Review.objects.for_film(older.film).rating_summary().average == 9

    client.post(reverse("reviews:rate", args=[older.film.slug]), {"rating": ""})
    latest.refresh_from_db()
    assert latest.rating is None


@pytest.mark.parametrize("rating", ["0", "11", "three"])
def test_quick_rating_refuses_what_is_not_a_rating(client, make_user, make_film, rating):
    film = make_film()
    client.force_login(make_user())

    response = client.post(
        reverse("reviews:rate", args=[film.slug]), {"rating": rating}, follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "A rating is from ½ to 5 stars."
    ]
    assert Review.objects.count() == 0


def test_quick_rating_asks_a_visitor_to_sign_in(client, make_film):
    film = make_film()

    response = client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"})

    assert response.url.startswith(reverse("account_login"))
    assert Review.objects.count() == 0


def test_quick_rating_is_rate_limited(client, make_user, make_film, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "review-save": "1/m"}
    film = make_film()
    client.force_login(make_user())

    client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"})
    response = client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "2"})

    assert response.status_code == 429
    assert Review.objects.get().rating == 8


def test_a_review_without_title_is_named_by_its_first_words(client, make_review):
    review = make_review(
        title="", body="A quiet film about two people who keep missing each other in Hong Kong."
    )

    response = client.get(reverse("reviews:list"))

    assert review.display_title == "A quiet film about two people who keep…"
    assert f">{review.display_title}</a></h3>" in response.text


def test_the_ratings_table_heads_its_counts_ratings_not_reviews(client, film_rated_8):
    """A quick rating (no review) counts in the film page's and the profile's table."""
    film = film_rated_8
    member = Review.objects.get().author

    for page in (client.get(film.get_absolute_url()), client.get(member.get_absolute_url())):
        assert '<th scope="col">Rating</th><th scope="col">Ratings</th>' in page.text
        assert "<td>4 stars</td><td>1</td>" in page.text
