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
        # (`review:7` both), and on its author's page and counts: not on the catalogue, nor
        # other reviews; who is on the members' list, only when it is all they wrote.
        invalidates(Comment, comment_tags)
        # A heart shows in its review's counts (`review:7`) and may change which of its film's
        # reviews are popular (`film:3:likes`, the film page's "popular reviews").
        invalidates(ReviewLike, like_tags)


def comment_tags(comment):
    """The comment's review and its author's comments (their page, their count on the members'
    list), and `members` (who the members' list shows) only when nothing else of the author's
    is public: a published review or another public comment keeps them listed whatever this
    one is. Without that check, each comment anywhere made the list be worked out again (half
    a second in a club of 50,000 members); with it, a comment costs one or two indexed
    lookups when it is written."""
    from reviews.models import Comment, Review

    author = comment.author_id
    tags = [f"review:{comment.review_id}", f"user:{author}:comments"]
    listed_otherwise = (
        Review.objects.published().filter(author_id=author).exists()
        or Comment.objects.public().filter(author_id=author).exclude(pk=comment.pk).exists()
    )
    if not listed_otherwise:
        tags.append("members")
    return tags


def like_tags(like):
    """The like's review, and its film's popular reviews. The film is read from the review
    the toggle fetched; only a like deleted with its member's account costs a query."""
    from reviews.models import Review, ReviewLike

    if ReviewLike.review.is_cached(like):
        film_id = like.review.film_id
    else:
        film_id = Review.objects.filter(pk=like.review_id).values_list("film_id", flat=True).first()
    return [f"review:{like.review_id}", f"film:{film_id}:likes"]
