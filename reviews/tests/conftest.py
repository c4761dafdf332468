import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Comment, Review

_sequence = itertools.count(1)


@pytest.fixture
def make_review(db, make_user, make_film):
    """A review; published an hour ago unless `status="draft"`."""

    def make(film=None, author=None, status=Review.Status.PUBLISHED, **fields):
        number = next(_sequence)
        fields.setdefault("title", f"Review {number}")
        fields.setdefault("body", f"Review number {number}: a *fine* film.")
        if status == Review.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
        return Review.objects.create(
            film=film or make_film(), author=author or make_user(), status=status, **fields
        )

    return make


@pytest.fixture
def make_comment(db, make_user):
    def make(review, author=None, parent=None, **fields):
        number = next(_sequence)
        fields.setdefault("body", f"Comment number {number}")
        return Comment.objects.create(
            review=review, author=author or make_user(), parent=parent, **fields
        )

    return make
