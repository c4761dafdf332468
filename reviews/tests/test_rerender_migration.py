"""The migration to cmark-gfm renders every stored review again, and the seed reviews come out as
Python-Markdown rendered them."""

import importlib

from django.apps import apps

from reviews.markdown import excerpt
from reviews.models import Review
from reviews.tests.test_markdown import BEFORE, between_tags

migration = importlib.import_module("reviews.migrations.0004_review_body_cmark")


def test_migration_renders_the_stored_seed_reviews_as_before(seeded):
    before = {entry["markdown"]: entry["html"] for entry in BEFORE}
    Review.objects.update(body_html="<p>Stored by the old renderer</p>", excerpt="old")

    migration.render_again(apps, None)

    reviews = list(Review.objects.order_by("slug"))
    assert len(reviews) == 2
    for review in reviews:
        assert between_tags(review.body_html) == between_tags(before[review.body])
        assert review.excerpt == excerpt(review.body_html)
