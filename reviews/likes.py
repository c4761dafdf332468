"""Hearts on reviews: the toggle, and what a review's page shows of them."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

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
    likes = ReviewLike.objects.filter(review=review, member__is_active=True)
    if user.is_authenticated and user.pk != review.author_id:
        counts = likes.aggregate(total=Count("pk"), mine=Count("pk", filter=Q(member=user)))
        return counts["total"], bool(counts["mine"])
    return cached(f"review-likes:{review.pk}", likes.count, tags=[f"review:{review.pk}"]), False
