from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"

    def ready(self):
        from core.pagecache import invalidates
        from reviews.models import Comment, Review, ReviewLike

        # A review shows on its page (`review:7`), in the lists of reviews and on its film's page.
        invalidates(Review, lambda review: ["reviews", f"film:{review.film_id}"])
        # A comment shows on its review's page and wherever the review's card counts comments
        # (`review:7` both), and on its author's page: not on the catalogue, nor other reviews.
        # A first comment may put its author on the members' list (`members`).
        invalidates(
            Comment,
            lambda comment: [
                f"review:{comment.review_id}",
                f"user:{comment.author_id}:comments",
                "members",
            ],
        )
        # A heart shows in its review's counts (`review:7`) and may change which of its film's
        # reviews are popular (`film:3:likes`, the film page's "popular reviews").
        invalidates(ReviewLike, like_tags)


def like_tags(like):
    """The like's review, and its film's popular reviews. The film is read from the review
    the toggle fetched; only a like deleted with its member's account costs a query."""
    from reviews.models import Review, ReviewLike

    if ReviewLike.review.is_cached(like):
        film_id = like.review.film_id
    else:
        film_id = Review.objects.filter(pk=like.review_id).values_list("film_id", flat=True).first()
    return [f"review:{like.review_id}", f"film:{film_id}:likes"]
