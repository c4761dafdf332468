"""On PostgreSQL with pg_trgm, a trigram index on the reviews' titles: the site search finds
reviews whose title has every word typed (search.groups), which otherwise may read every
published review before finding five."""

from django.db import migrations

from core.trigrams import contains_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_review_tags"),
        # pg_trgm is created there.
        ("films", "0005_person_search"),
    ]

    operations = [contains_indexes("reviews_review", ["title"])]
