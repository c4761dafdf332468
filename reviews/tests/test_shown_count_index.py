"""/reviews/ counts the shown reviews (published, not hidden, with text: logs without text are
no reviews) after every change to a review: on
PostgreSQL that count is read from a small partial index of them alone (review_shown_idx), never
from the table and its bodies (a 66 ms scan at 100,000 reviews)."""

import pytest
from django.db import connection

from reviews.models import Review

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's plans: the index is partial there"
)


def plan_of_count(queryset):
    sql, params = queryset.order_by().values("published_at").query.sql_with_params()
    with connection.cursor() as cursor:
        # A test's table is tiny, so a scan of it would be cheapest: ask what else there is.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) counted", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db(transaction=False)
def test_the_shown_reviews_are_counted_from_their_index_alone(make_review):
    make_review()

    plan = plan_of_count(Review.objects.with_text().shown())

    assert "Index Only Scan using review_shown_idx" in plan


@pytest.mark.django_db(transaction=False)
def test_the_scheduled_reviews_are_found_in_the_same_index(make_review):
    make_review()

    plan = plan_of_count(Review.objects.with_text().scheduled())

    assert "review_shown_idx" in plan
    assert "Index Cond: (published_at >" in plan
