"""A long diary is read in its order from its index (reviews' review_diary_idx) and stopped at the
page, also when PostgreSQL runs its statement as a prepared statement's generic plan, which
cannot know how long this member's diary is (filmclub/settings.py prepares statements a
connection runs often): with an index that left the order half to a sort, that plan fetched and
sorted all 5,000 logs of the bench's diarist for a page of 50 (1 ms became 15 ms)."""

import re

import pytest
from django.db import connection, transaction

from reviews.models import Review

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
)


def literal(value):
    """`value` written into the SQL: EXPLAIN EXECUTE takes no bound parameters."""
    from psycopg import sql

    plain = str(value) if isinstance(value, str) else value  # a TextChoices member: its value
    return sql.Literal(plain).as_string(connection.connection)


def generic_plan(queryset):
    """EXPLAIN of `queryset` as a prepared statement's generic plan, index scans preferred (the
    test's few rows would otherwise be read whole)."""
    sql, params = queryset.query.sql_with_params()
    numbered = iter(range(1, len(params) + 1))
    statement = re.sub(r"%s", lambda _match: f"${next(numbered)}", sql)
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("plan_cache_mode = force_generic_plan", "enable_seqscan = off"):
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(f"PREPARE diary_page AS {statement}")
        try:
            arguments = ", ".join(literal(param) for param in params)
            cursor.execute(f"EXPLAIN EXECUTE diary_page({arguments})")
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE diary_page")


def test_a_diary_page_is_read_in_order_from_its_index_by_a_generic_plan(make_user, make_review):
    member, viewer = make_user(), make_user()
    make_review(author=member)

    plan = generic_plan(Review.objects.diary_of(member, viewer)[:50])

    assert "review_diary_idx" in plan
    assert "Sort" not in plan, plan
