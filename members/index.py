"""Members as their reviews and comments make them known: who the members' list shows."""

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
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

    def public(self):
        """Members anyone may find in the members' list: active, with a published review or a
        comment anyone may read (Review.objects.published(), Comment.objects.public()), and
        allowed a public trace at all (the user model's `members.public()`: not a sign-up whose
        address was never confirmed; the seed members are listed for the work of theirs the
        site already shows).

        Written as IN (subquery) rather than EXISTS: joined by OR, each subquery is then read
        once into a hash by PostgreSQL, not run again for every member. Each lists every author
        once (DISTINCT): PostgreSQL hashes a subquery only when its rows as estimated fit in
        work_mem, and one row per comment (300,000) did not: it then searched the comments' list
        again for each member, 12 s at 50,000 members instead of 0.5 s."""
        authors = Review.objects.published().values("author").distinct()
        commenters = Comment.objects.public().values("author").distinct()
        return self.filter(
            Q(pk__in=authors) | Q(pk__in=commenters),
            pk__in=get_user_model().members.public().values("pk"),
            is_active=True,
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
    than half a second in a club of 50,000 members): the list is made once
    for everyone until a review, a comment or a member changes (cached), and paged through here."""

    def build():
        return list(members().public().for_index().values_list("pk", flat=True))

    # Kept whoever asks, a search included (its key names nothing the visitor typed).
    return cached("members:public", build, tags=["reviews", "members", "users"], any_request=True)
