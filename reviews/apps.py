from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"

    def ready(self):
        from core.pagecache import invalidates
        from reviews.models import Comment, Review

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
