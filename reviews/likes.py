"""Hearts on reviews: the toggle, and what a review's page shows of them."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from core.baked import baked
from core.pagecache import cached
from reviews.models import ReviewLike


@transaction.atomic
def toggle_like(*, review, member):
    """Put a heart on `review`, or take it back; True when `member` now likes it. The caller
    checks that they may (Review.objects.likeable, never their own review)."""
    deleted, _ = ReviewLike.objects.filter(review=review, member=member).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            like = ReviewLike(review=review, member=member)
            like.save()
    except IntegrityError:  # a second click that arrived first
        pass
    return True


def like_state(review, user):
    """(how many active members like `review`, whether `user` does). For a member who may
    like it, one query; otherwise the count, kept for everyone until a like of it changes
    (a like bumps `review:<pk>`)."""
    if user.is_authenticated and user.pk != review.author_id:
        total, mine = next(iter(like_counts(review.pk, user.pk)), (0, 0))
        return total, bool(mine)
    likes = ReviewLike.objects.filter(review=review, member__is_active=True)
    return cached(f"review-likes:{review.pk}", likes.count, tags=[f"review:{review.pk}"]), False


@baked
def like_counts(review_id, member_id):
    """(how many active members like the review, whether `member_id` does) as its one row (no
    row for no like), by SQL compiled once (core.baked)."""
    likes = ReviewLike.objects.filter(review_id=review_id, member__is_active=True).order_by()
    counts = likes.values("review").annotate(
        total=Count("pk"), mine=Count("pk", filter=Q(member_id=member_id))
    )
    return counts.values_list("total", "mine")
