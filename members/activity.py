"""The activity feed: what the members someone follows logged, reviewed and commented on,
newest first, a page at a time.

Logs (with or without text: a review is a log with text) and comments are two tables. A page
is found in one query over both (a UNION of (kind, pk, when) rows, ordered and sliced by the
database), then its rows are fetched by primary key, one query per kind: a page costs the same
number of queries whatever its length and however many members are followed.
"""

from django.core.paginator import Paginator
from django.db.models import CharField, F, Value

from members.models import Follow
from reviews.models import Comment, Review

# Rows on a page of the feed.
FEED_PAGE_SIZE = 20
LOG, COMMENT = "log", "comment"


def followed_ids(member):
    return Follow.objects.filter(follower=member).values("followed")


def feed_rows(member):
    """(kind, pk, at) for everything in `member`'s feed, newest first: public logs and
    readable comments on public reviews by the active members they follow."""
    authors = {"author__in": followed_ids(member), "author__is_active": True}
    logs = (
        Review.objects.published()
        .filter(**authors)
        .annotate(kind=Value(LOG, output_field=CharField()), at=F("published_at"))
        .values_list("kind", "pk", "at")
        .order_by()
    )
    comments = (
        Comment.objects.public()
        .filter(**authors)
        .annotate(kind=Value(COMMENT, output_field=CharField()), at=F("created_at"))
        .values_list("kind", "pk", "at")
        .order_by()
    )
    return logs.union(comments, all=True).order_by("-at", "-pk")


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


def feed_page(member, number):
    """Page `number` of `member`'s feed (Paginator.get_page: a bad number gives the first or
    last page), its object_list made Items."""
    page = Paginator(feed_rows(member), FEED_PAGE_SIZE).get_page(number)
    page.object_list = items_of(list(page.object_list))
    return page
