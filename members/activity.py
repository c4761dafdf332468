"""The activity feed: what the members someone follows logged, reviewed and commented on,
newest first, a page at a time.

Logs (with or without text: a review is a log with text) and comments are two tables. The
members followed are read first (a short list); a page is then found in one query over both
tables (a UNION of (kind, pk, at) rows, ordered and sliced by the database, each row carrying
the feed's length, COUNT(*) OVER ()), and its rows fetched by primary key, one query per kind:
a page costs the same number of queries whatever its length and however many members are
followed, and the members followed travel as one array (core.lookups' `any_of`), so the
statement is the same text for every member and PostgreSQL prepares it once. (With the
members as a subquery instead, PostgreSQL scanned every member, and every comment, to find
them: 90 ms a page for a member following 500 of 50,000.)

The page's query reads every row of the feed, to count them and to order them: no index gives
the rows of 500 members in one order of time. It reads the comments, most of the rows, from
indexes alone: the comments themselves from comment_author_feed_idx (author first, with all the
query asks of a comment), and whether each one's review is public from review_public_idx (a
review's pk with public_q's fields), one look-up a comment. Measured on the bench database
(`bench` follows 500 members: 936 logs and 3,111 comments), EXPLAIN ANALYZE without timing,
best of 30: 25 ms -> 5.2 ms as first planned for each connection (without the indexes
PostgreSQL gathered the comments from their table with two parallel workers), 9.1 ms -> 5.1 ms
by the prepared statement's generic plan it runs after that. An index for the logs too (author,
published_at, id, status, is_hidden) saved nothing in the generic plan and made the first plans
parallel again (16 ms): the logs are read by the author's index and their table (1.5 ms). The
feed's length, COUNT(*) OVER () in the same query, costs under 1 ms; counting logs and comments
in a query of their own cost 3.9 ms more, since the comments' count must still ask each
comment's review.
"""

import datetime
from math import ceil

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, CharField, F, OuterRef, Subquery, Value
from django.utils import timezone

from core.managers import related
from members.models import Follow
from reviews.models import Comment, Review

# Rows on a page of the feed.
FEED_PAGE_SIZE = 20
LOG, COMMENT = "log", "comment"


def followed_ids(member):
    """The pks of the active members `member` follows. Whether each is active is a subquery a
    follow, which reads that one member by primary key, where a join (`followed__is_active`)
    let PostgreSQL hash every member to keep 500 of them: on the bench database (50,006
    members, `bench` following 500) the join read all 857 pages of the members' table, 3.5 ms;
    the subquery reads 500 by their primary key, 0.45 ms (EXPLAIN ANALYZE, best of 7, the same
    for a prepared statement's generic plan). PostgreSQL never turns a scalar subquery into a
    join; it would an EXISTS, and did (3.4 ms)."""
    active = related(Follow, "followed").objects.filter(pk=OuterRef("followed"))
    is_active = Subquery(active.values("is_active"), output_field=BooleanField())
    follows = Follow.objects.filter(follower=member).filter(is_active)
    return list(follows.values_list("followed", flat=True))


def feed_rows(authors):
    """(kind, pk, at) for everything in the feed of a member who follows `authors` (pks, all
    active), unordered: public logs and readable comments on public reviews."""
    logs = feed_rows_of(Review.objects.published(), LOG, "published_at", authors)
    comments = feed_rows_of(Comment.objects.public(), COMMENT, "created_at", authors)
    return logs.union(comments, all=True)


def feed_rows_of(queryset, kind, at, authors):
    """(kind, pk, at) for the rows of `queryset` by `authors`, dated by their field `at`."""
    return (
        queryset.filter(author__any_of=authors)  # one array on PostgreSQL (core.lookups)
        .annotate(kind=Value(kind, output_field=CharField()), at=F(at))
        .values_list("kind", "pk", "at")
        .order_by()
    )


def page_rows(authors, number):
    """Page `number` (from 1) of the feed, newest first: its (kind, pk, at) rows and the
    feed's length, in one query (the length is unknown when the page is past the end)."""
    sql, params = feed_rows(authors).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT feed.*, COUNT(*) OVER () FROM ({sql}) feed "
            "ORDER BY 3 DESC, 2 DESC LIMIT %s OFFSET %s",
            [*params, FEED_PAGE_SIZE, (number - 1) * FEED_PAGE_SIZE],
        )
        found = cursor.fetchall()
    rows = [(kind, pk, aware(at)) for kind, pk, at, _length in found]
    return rows, (found[0][3] if found else None)


def aware(moment):
    """A time read by a raw query, as the ORM gives it: SQLite hands back the stored UTC time
    without its zone (PostgreSQL with it)."""
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


class Item:
    """One row of the feed: a log (`review`, with or without text) or a `comment`."""

    def __init__(self, kind, at, review=None, comment=None):
        self.kind, self.at, self.review, self.comment = kind, at, review, comment

    @property
    def is_log(self):
        return self.kind == LOG

    @property
    def verb(self):
        """What the member did, for a log: reviewed, rewatched, watched, or only rated."""
        review = self.review
        if review.has_text:
            return "reviewed"
        if review.is_rewatch:
            return "rewatched"
        return "watched" if review.watched_on else "rated"


def items_of(rows):
    """The feed's (kind, pk, at) rows as Items, their logs and comments fetched in one query
    each, with everything the feed shows of them."""
    review_pks = [pk for kind, pk, _at in rows if kind == LOG]
    comment_pks = [pk for kind, pk, _at in rows if kind == COMMENT]
    reviews = {}
    if review_pks:
        reviews = Review.objects.select_related("film", "author").in_bulk(review_pks)
    comments = {}
    if comment_pks:
        comments = Comment.objects.select_related(
            "author", "review", "review__film", "review__author"
        ).in_bulk(comment_pks)
    items = []
    for kind, pk, at in rows:
        if kind == LOG and pk in reviews:
            items.append(Item(kind, at, review=reviews[pk]))
        elif kind == COMMENT and pk in comments:
            items.append(Item(kind, at, comment=comments[pk]))
    return items


def page_number(number):
    """A page's number as asked (?page=): as Paginator.get_page reads it, any that is not a
    whole number over 0 is the first."""
    try:
        return max(int(number), 1)
    except (TypeError, ValueError):
        return 1


def feed_page(member, number):
    """Page `number` of `member`'s feed, as Paginator.get_page gives it (a bad number gives the
    first page, one past the end the last), its object_list Items."""
    authors = followed_ids(member)
    number = page_number(number)
    rows, length = page_rows(authors, number) if authors else ([], 0)
    if length is None:  # past the end: the last page
        length = feed_rows(authors).count()
        number = max(ceil(length / FEED_PAGE_SIZE), 1)
        rows, _length = page_rows(authors, number)
    # The count is known: a paginator over a range of that length counts without a query.
    return Page(items_of(rows), number, Paginator(range(length), FEED_PAGE_SIZE))
