"""The members' reviews on a film's page (the catalogue does not know reviews): the film's
rating summary and its review cards. A film's page is built from many small queries, so these
are compiled once per process (core.baked), the film and the time their only parameters."""

from django.utils import timezone

from core.baked import baked
from reviews.models import Review
from reviews.querysets import given_film, most_liked_among
from reviews.ratings import RatingSummary

# What a film's page lists, newest first: a popular film must not render its whole history.
LATEST = 10
# The film page's "popular reviews": those with the most hearts.
POPULAR = 3


@baked
def rating_counts(film_id, now):
    return Review.objects.published(now).filter(film_id=film_id).rating_counts(now)


@baked
def popular_cards(film_id, now):
    return Review.objects.published(now).with_text().cards_of(film_id).most_liked()[:POPULAR]


@baked
def latest_cards(film_id, now):
    return Review.objects.published(now).with_text().cards_of(film_id)[:LATEST]


def rating_summary(film):
    """The members' ratings of `film` (RatingSummary): the top of its page shows them."""
    return RatingSummary.of(rating_counts(film.pk, timezone.now()))


def review_cards(film):
    """([the film's most liked reviews], [its latest reviews]) as cards, each given `film`. When
    the latest are fewer than LATEST they are all the film's reviews, and the most liked are
    found among them rather than by a query of their own."""
    now = timezone.now()
    latest = given_film(latest_cards(film.pk, now), film)
    if len(latest) < LATEST:
        return most_liked_among(latest)[:POPULAR], latest
    return given_film(popular_cards(film.pk, now), film), latest
