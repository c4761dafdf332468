"""A review's page takes the review from the shared cache (reviews.views.review_at), fetched once
until it changes: who may read it is still decided on every request."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from core.pagecache import fetch
from reviews.models import Review


def test_a_draft_seen_by_its_author_stays_hidden_from_everyone_else(
    signed_in, make_user, make_review
):
    author, other = make_user(), make_user()
    draft = make_review(author=author, status=Review.Status.DRAFT, title="Not yet")

    assert "Not yet" in signed_in(author).get(draft.get_absolute_url()).text  # now remembered

    assert signed_in(other).get(draft.get_absolute_url()).status_code == 404
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert "Not yet" in signed_in(author).get(draft.get_absolute_url()).text


def test_a_hidden_review_stays_readable_by_staff_and_author_only(signed_in, make_user, make_review):
    author, staff, other = make_user(), make_user(is_staff=True, is_superuser=True), make_user()
    review = make_review(author=author)
    assert signed_in(other).get(review.get_absolute_url()).status_code == 200

    review.hide("Spam")

    assert signed_in(other).get(review.get_absolute_url()).status_code == 404
    assert Client().get(review.get_absolute_url()).status_code == 404
    assert signed_in(staff).get(review.get_absolute_url()).status_code == 200
    assert signed_in(author).get(review.get_absolute_url()).status_code == 200


def test_a_scheduled_review_appears_when_its_time_comes(
    signed_in, make_user, make_review, monkeypatch
):
    publish_at = timezone.now() + timedelta(hours=1)
    review = make_review(published_at=publish_at, title="Tomorrow's news")
    reader = signed_in(make_user())
    assert reader.get(review.get_absolute_url()).status_code == 404

    monkeypatch.setattr(timezone, "now", lambda: publish_at + timedelta(minutes=1))

    assert "Tomorrow&#x27;s news" in reader.get(review.get_absolute_url()).text


def test_an_edit_shows_at_once(signed_in, make_user, make_review):
    author = make_user()
    review = make_review(author=author, title="First title")
    reader = signed_in(make_user())
    assert "First title" in reader.get(review.get_absolute_url()).text

    review.title = "Second title"
    review.save()

    assert "Second title" in reader.get(review.get_absolute_url()).text


def test_the_shared_cache_keeps_no_password_hash_or_email(signed_in, make_user, make_review):
    author = make_user(email="private@example.com")
    review = make_review(author=author)
    page = signed_in(make_user()).get(review.get_absolute_url())
    assert page.status_code == 200

    (_tags, (kept, _discussion)), _clock = fetch(f"value:review:{review.slug}")

    assert (kept.pk, kept.author.username) == (review.pk, author.username)
    assert {"password", "email"}.isdisjoint(kept.author.__dict__)


def test_a_remembered_review_costs_no_query(
    signed_in, make_user, make_review, django_assert_num_queries
):
    review = make_review()
    reader = signed_in(make_user())
    reader.get(review.get_absolute_url())

    # session and member, whether they like it (and its likes counted, in the same query); the
    # review, its discussion's outline and thread come from the cache
    with django_assert_num_queries(3):
        page = reader.get(review.get_absolute_url())

    assert review.title in page.text
