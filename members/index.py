"""Members as their reviews and comments make them known: who the members' list shows."""

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower

from core.pagecache import cached
from reviews.models import Comment, Review


def count_of(rows):
    """How many of `rows` (filtered on OuterRef("pk")) there are, as a subquery: only the rows
    of the members fetched are counted."""
    counted = rows.order_by().values("author").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted), 0)


class MemberQuerySet(models.QuerySet):
    """Members (the user model) as their reviews and comments make them known: `members()`."""

    def public(self, *, few=False):
        """Members anyone may find in the members' list: active, with a published review or a
        comment anyone may read (Review.objects.published(), Comment.objects.public()), and
        allowed a public trace at all (the user model's `members.public()`: not a sign-up whose
        address was never confirmed; the seed members are listed for the work of theirs the
        site already shows).

        Two ways to ask the database, one rule. For a whole list, IN (SELECT DISTINCT author):
        each set of authors is read once into a hash by PostgreSQL (without DISTINCT the
        commenters' set was too large to hash, and was read again for every member: 28 s for
        50,000 members, now under a second). For a few members already chosen (`few`: the
        search's candidates), EXISTS: each looked up by index, not every review read."""
        reviews, comments = Review.objects.published(), Comment.objects.public()
        if few:
            wrote = Exists(reviews.filter(author=OuterRef("pk"))) | Exists(
                comments.filter(author=OuterRef("pk"))
            )
        else:
            wrote = Q(pk__in=reviews.order_by().values("author").distinct()) | Q(
                pk__in=comments.order_by().values("author").distinct()
            )
        return self.filter(
            wrote, pk__in=get_user_model().members.public().values("pk"), is_active=True
        )

    def for_index(self):
        """By handle, with what a row of the members' list shows (counts: with_counts)."""
        return self.only("username", "display_name", "avatar").order_by(Lower("username"), "pk")

    def with_counts(self):
        """Each with `review_count` and `comment_count`: what anyone may read of theirs. For
        one page of members, filtered by pk first: the database counts for every row it reads,
        and on a whole list that includes the rows it skips to reach the page."""
        return self.annotate(
            review_count=count_of(
                Review.objects.published().with_text().filter(author=OuterRef("pk"))
            ),
            comment_count=count_of(Comment.objects.public().filter(author=OuterRef("pk"))),
        )


def members():
    """Every member, with MemberQuerySet's methods."""
    return MemberQuerySet(get_user_model())


def public_member_ids():
    """The pks of the public members (MemberQuerySet.public) by handle, as the members' list
    pages through them. Deciding who is public reads every published review and comment (more
    than half a second in a club of 50,000 members): the list is made once for everyone until a
    review or a member changes, or a comment that is all its author has written anyone may read
    (reviews.apps.comment_tags), and paged through here."""

    def build():
        return list(members().public().for_index().values_list("pk", flat=True))

    # Kept whoever asks, a search included (its key names nothing the visitor typed).
    return cached("members:public", build, tags=["reviews", "members", "users"], any_request=True)
