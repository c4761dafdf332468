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
        # other reviews; who is on the members' list, only when it is all they wrote (deleted
        # along with its review, its thread or its author: at once, without looking it up).
        invalidates(Comment, comment_tags, cascaded=cascaded_comment_tags)
        # A heart shows in its review's counts (`review:7`) and may change which of its film's
        # reviews are popular (`film:3:likes`, the film page's "popular reviews"); deleted with
        # its review, the film is the review's, without looking it up for each heart.
        invalidates(ReviewLike, like_tags, cascaded=cascaded_like_tags)


def comment_tags(comment):
    """The comment's review and its author's comments (their page, their count on the members'
    list), and `members` (who the members' list shows) only when nothing else of the author's
    is public: a published review or another public comment keeps them listed whatever this
    one is. Without that check, each comment anywhere made the list be worked out again (half
    a second in a club of 50,000 members); with it, a comment costs one or two indexed
    lookups when it is written."""
    from reviews.models import Comment, Review

    author = comment.author_id
    listed_otherwise = (
        Review.objects.published().filter(author_id=author).exists()
        or Comment.objects.public().filter(author_id=author).exclude(pk=comment.pk).exists()
    )
    return shown_with(comment) if listed_otherwise else [*shown_with(comment), "members"]


def cascaded_comment_tags(comment, origin):
    """A comment deleted along with something else (its review, the comment it answered, its
    author's account, or a queryset of comments): comment_tags with `members` bumped without
    the lookups, which would cost one or two queries for each of the review's many comments.
    Such deletions are rare; the members' list is worked out again once after one."""
    return [*shown_with(comment), "members"]


def shown_with(comment):
    """Where a comment shows: its review's page and counts, its author's comments and count."""
    return [f"review:{comment.review_id}", f"user:{comment.author_id}:comments"]


def like_tags(like, film_id=None):
    """The like's review, and its film's popular reviews (the film `film_id`, else found by
    film_of_like)."""
    film_id = film_of_like(like) if film_id is None else film_id
    return [f"review:{like.review_id}", f"film:{film_id}:likes"]


def cascaded_like_tags(like, origin):
    """A like deleted along with something else: like_tags, the film read from `origin` when
    it is the like's review (a review's likes all go with it: no query for each)."""
    from reviews.models import Review

    if isinstance(origin, Review) and origin.pk == like.review_id:
        return like_tags(like, film_id=origin.film_id)
    return like_tags(like)


def film_of_like(like):
    """The pk of the film of the like's review: from the review the toggle fetched, else one
    query (a like deleted with its member's account, or by the toggle's taking it back)."""
    from reviews.models import Review, ReviewLike

    if ReviewLike.review.is_cached(like):
        return like.review.film_id
    return Review.objects.filter(pk=like.review_id).values_list("film_id", flat=True).first()
