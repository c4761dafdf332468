"""The reviews', comments' and likes' querysets: which reviews are public, shown or scheduled,
whose rating is current, and what a card, a list or a thread fetches with them (reviews.models
uses them as its managers). The other models they count or filter by (a review's comments and
likes, a comment's review) are found by the querysets' own relations, since those models are
defined in reviews.models, which imports this module."""

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.managers import related
from reviews.choices import ReviewStatus
from reviews.moderation import can_moderate
from reviews.ratings import RatingSummary


def shown_q():
    """Published and not hidden by staff, whatever its date."""
    return Q(status=ReviewStatus.PUBLISHED, is_hidden=False)


def public_q(now=None):
    """A public log, which anyone may read: shown, and dated `now` (by default, now) or earlier."""
    return shown_q() & Q(published_at__lte=now or timezone.now())


def has_text_q():
    """A log with text: a review. A log without text is a diary line, never a review card."""
    return ~Q(body="")


class ReviewQuerySet(models.QuerySet):
    def published(self, now=None):
        """Reviews anyone may read (public_q)."""
        return self.filter(public_q(now))

    def shown(self):
        """Published and not hidden, whatever the date: `published` and `scheduled` together."""
        return self.filter(shown_q())

    def scheduled(self):
        """Shown once their date comes: dated in the future (a handful, found by index)."""
        return self.filter(shown_q(), published_at__gt=timezone.now())

    def visible_to(self, user):
        """What `user` may read: the published reviews, their own (drafts and hidden ones
        included) and, for moderators (can_moderate), the published reviews they have hidden."""
        public = public_q()
        if not user.is_authenticated:
            return self.filter(public)
        visible = public | Q(author=user)
        if can_moderate(user, self.model):
            visible |= Q(status=ReviewStatus.PUBLISHED, is_hidden=True)
        return self.filter(visible)

    def with_text(self):
        """Reviews: the logs with text (has_text_q). Review cards, lists and feeds show these."""
        return self.filter(has_text_q())

    def for_film(self, film):
        return self.filter(film=film)

    def diary_of(self, member, viewer):
        """`member`'s diary as `viewer` may read it (visible_to): their dated logs, latest watched
        first, with their films (read in this order from the index review_diary_idx)."""
        return (
            self.visible_to(viewer)
            .filter(author=member, watched_on__isnull=False)
            .select_related("film")
            .order_by("-watched_on", "-pk")
        )

    def public_reviews(self):
        """Reviews anyone may read: public logs (public_q) with text (has_text_q), never a draft,
        a hidden review, one dated to come or a bare log."""
        return self.published().with_text()

    def likeable(self):
        """Reviews a member may put a heart on: public_reviews. Whose own review it is, the view
        asks."""
        return self.public_reviews()

    def with_like_counts(self):
        """Each with `like_count`: the hearts of active members (a correlated subquery, for the
        rows fetched only). Shown only on public reviews, so a hidden one's hearts never show."""
        likes = (
            related(self.model, "likes")
            .objects.filter(review=OuterRef("pk"), member__is_active=True)
            .order_by()
            .values("review")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(like_count=Coalesce(Subquery(likes), 0))

    def cards_of(self, film):
        """These reviews of `film` as cards (for_list's fields with like counts), newest first,
        without fetching the film again with each one: given `film` (given_film)."""
        return (
            self.for_film(film)
            .select_related("author")
            .newest_with_comment_counts()
            .with_like_counts()
        )

    def most_liked(self):
        """Those with hearts (with_like_counts), the most first (most_liked_among's rule)."""
        return self.filter(like_count__gt=0).order_by("-like_count", "-published_at", "-pk")

    def for_list(self):
        """Everything a review card shows, in one query (annotate() drops Meta.ordering)."""
        return self.select_related("film", "author").newest_with_comment_counts().with_like_counts()

    def newest_with_comment_counts(self):
        """Newest first, each with `comment_count`: a correlated subquery, not a JOIN with GROUP
        BY, so the database counts comments only for the reviews on the page, not for every
        review before LIMIT."""
        comments = (
            related(self.model, "comments")
            .objects.readable()
            .filter(review=OuterRef("pk"))
            .order_by()
            .values("review")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(comments), 0)).order_by(
            "-published_at", "-pk"
        )

    def current_ratings(self):
        """Each member's latest rated log of each film (the one logged last): a rewatch rated
        again replaces the earlier rating in a film's average instead of counting twice."""
        return self.filter(current_rating_q(self.model))

    def rating_counts(self, now=None):
        """(rating, current ratings, reviews) for each rating given (rating_summary's rows)."""
        return (
            self.order_by()
            .values("rating")
            .annotate(
                current=Count("pk", filter=current_rating_q(self.model, now)),
                reviews=Count("pk", filter=has_text_q()),
            )
            .values_list("rating", "current", "reviews")
        )

    def rating_summary(self):
        """The average of the members' current ratings (current_ratings), the count in every
        half-star bucket and the number of reviews (logs with text), in one query: a row per
        rating given (rating_counts), so the current-rating rule is compiled once, not once per
        bucket."""
        return RatingSummary.of(self.rating_counts())


def given_film(reviews, film):
    """`reviews` as a list, each given `film` (one film's cards need not fetch it each time)."""
    reviews = list(reviews)
    for review in reviews:
        review.film = film
    return reviews


def most_liked_among(reviews):
    """most_liked's rule for reviews already fetched with like counts (with_like_counts): those
    with hearts, the most first, then the newest."""
    liked = [review for review in reviews if review.like_count > 0]
    return sorted(liked, key=lambda r: (r.like_count, r.published_at, r.pk), reverse=True)


def current_rating_q(model, now=None):
    """A member's current rating of a film: a rated log with no later rated public one among
    `model`'s rows (Review's)."""
    return Q(rating__isnull=False) & ~Exists(later_rating(model, now))


def later_rating(model, now=None):
    """A later rated public log of the same film by the same member (for current_ratings)."""
    return model.objects.filter(
        public_q(now),
        film=OuterRef("film"),
        author=OuterRef("author"),
        rating__isnull=False,
        pk__gt=OuterRef("pk"),
    )


# What reviews.discussions needs to place a comment in its discussion (CommentQuerySet.outline).
OUTLINE_FIELDS = ("pk", "parent_id", "author_id", "is_deleted", "is_hidden")
# What a thread shows of a comment (reviews.comment_html) and of its author (the name and handle):
# not the Markdown it was written in, nor the rest of the author's account.
THREAD_FIELDS = ("review", "parent", "body_html", "created_at", "edited_at", "is_deleted")
THREAD_FIELDS += ("is_hidden", "hidden_reason", "author__username", "author__display_name")


class CommentQuerySet(models.QuerySet):
    def for_thread(self, review):
        """Every comment of a review with its author (THREAD_FIELDS), oldest first: one query for
        the whole thread, however deep; `discussions.build_thread` turns it into a tree."""
        comments = self.filter(review=review).select_related("author").only(*THREAD_FIELDS)
        return comments.order_by("created_at", "pk")

    def outline(self, review):
        """Every comment of a review as a row of OUTLINE_FIELDS: what discussions.build_thread
        needs to place and show it, no text, no author, no model instance: the shape of the
        whole discussion, in one light query."""
        comments = self.filter(review=review).order_by("created_at", "pk")
        return list(comments.values_list(*OUTLINE_FIELDS))

    def not_deleted(self):
        """Comments their author has not deleted: one kept as a placeholder for its replies
        (Comment.delete_by_author) is deleted all the same, but for the thread's shape."""
        return self.filter(is_deleted=False)

    def readable(self):
        """Comments whose text anyone may read where they see the review: neither deleted by
        their author nor hidden by staff."""
        return self.not_deleted().filter(is_hidden=False)

    def public(self):
        """Comments anyone may read: readable, on a public review."""
        return self.readable().filter(review__in=related(self.model, "review").objects.published())


class ReviewLikeQuerySet(models.QuerySet):
    def of_visible_reviews(self):
        """Likes anyone may count: on public reviews."""
        return self.filter(review__in=related(self.model, "review").objects.published())
