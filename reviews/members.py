"""Members as their reviews and comments make them known: who the members' list shows."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower

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
        comment anyone may read (Review.objects.published(), Comment.objects.public()), and not
        a sign-up whose address was never confirmed. An account with no address on record at
        all was opened by staff or the seeds, not by signing up, and the club stands behind it:
        the seed members are listed for the work of theirs the site already shows."""
        addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
        reviews = Review.objects.published().filter(author=OuterRef("pk"))
        comments = Comment.objects.public().filter(author=OuterRef("pk"))
        return self.filter(
            Exists(reviews) | Exists(comments),
            Exists(addresses.filter(verified=True)) | ~Exists(addresses),
            is_active=True,
        )

    def for_index(self):
        """By handle, each with `review_count` and `comment_count`: what anyone may read of
        theirs, counted for the page's members only."""
        return self.annotate(
            review_count=count_of(Review.objects.published().filter(author=OuterRef("pk"))),
            comment_count=count_of(Comment.objects.public().filter(author=OuterRef("pk"))),
        ).order_by(Lower("username"), "pk")


def members():
    """Every member, with MemberQuerySet's methods."""
    return MemberQuerySet(get_user_model())
