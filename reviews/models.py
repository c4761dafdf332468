"""Member reviews, modelled on blog posts, and their threaded comments."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.links import reverse_one
from films.validators import RefusesControlCharacters
from reviews.markdown import excerpt, render_markdown, render_plain_text

# Slugs that would shadow the fixed review URLs (/reviews/new/, /reviews/feed/).
RESERVED_SLUGS = {"new", "feed"}
# A long discussion is read a page at a time: this many top-level comments, each with its replies.
THREADS_PER_PAGE = 20
# The longest review, in characters: long enough for any essay, short enough to render quickly.
BODY_MAX_LENGTH = 50_000


def half_stars(value):
    """'3½' for 7 half stars, '½' for 1, '5' for 10."""
    whole, half = divmod(value, 2)
    return f"{whole or ''}{'½' if half else ''}" or "0"


RATING_CHOICES = [
    (value, f"{half_stars(value)} {'star' if value <= 2 else 'stars'}") for value in range(1, 11)
]


def can_moderate(user, model):
    """Whether `user` may hide and unhide `model`'s rows on the site (and read hidden ones):
    staff with the permission the admin asks to change them (reviews.change_review,
    reviews.change_comment). `is_staff` alone opens the admin, nothing more."""
    return bool(
        user.is_authenticated
        and user.is_staff
        and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    )


def shown_q():
    """Published and not hidden by staff, whatever its date."""
    return Q(status=Review.Status.PUBLISHED, is_hidden=False)


def public_q():
    """A public review, which anyone may read: shown, and dated now or earlier."""
    return shown_q() & Q(published_at__lte=timezone.now())


class ReviewQuerySet(models.QuerySet):
    def published(self):
        """Reviews anyone may read (public_q)."""
        return self.filter(public_q())

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
        if can_moderate(user, Review):
            visible |= Q(status=Review.Status.PUBLISHED, is_hidden=True)
        return self.filter(visible)

    def for_film(self, film):
        return self.filter(film=film)

    def for_list(self):
        """Everything a review card shows, in one query (annotate() drops Meta.ordering)."""
        return self.select_related("film", "author").newest_with_comment_counts()

    def newest_with_comment_counts(self):
        """Newest first, each with `comment_count`: a correlated subquery, not a JOIN with GROUP
        BY, so the database counts comments only for the reviews on the page, not for every
        review before LIMIT."""
        comments = (
            Comment.objects.readable()
            .filter(review=OuterRef("pk"))
            .order_by()
            .values("review")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(comments), 0)).order_by(
            "-published_at", "-pk"
        )

    def latest_cards_of(self, film, count):
        """The latest `count` of these reviews of `film`, as `for_list` gives them but without
        fetching the film again with each one: they are given `film`."""
        reviews = self.for_film(film).select_related("author").newest_with_comment_counts()
        reviews = list(reviews[:count])
        for review in reviews:
            review.film = film
        return reviews

    def rating_summary(self):
        """The average rating and the count in every half-star bucket, in one query: a row per
        rating given (at most eleven, "none" included), added up here."""
        by_rating = dict(self.order_by().values_list("rating").annotate(count=Count("pk")))
        values = [value for value, _ in RATING_CHOICES]
        counts = [by_rating.get(value, 0) for value in values]
        rated = sum(counts)
        total = sum(value * count for value, count in zip(values, counts, strict=True))
        return RatingSummary(
            average=total / rated if rated else None,
            rated=rated,
            reviews=sum(by_rating.values()),
            counts=counts,
        )


@dataclass
class RatingSummary:
    average: float | None
    rated: int
    reviews: int
    counts: list

    @property
    def average_label(self):
        """The average rounded to the nearest half star, as '3½'."""
        if self.average is None:
            return ""
        return half_stars(round(self.average))

    @property
    def average_stars(self):
        return None if self.average is None else round(self.average / 2, 1)

    @property
    def bars(self):
        """One bar per half-star bucket, its height in percent of the tallest."""
        tallest = max(self.counts) or 1
        return [
            {
                "value": value,
                "label": label,
                "stars": half_stars(value),
                "count": count,
                "percent": round(100 * count / tallest),
                "x": (value - 1) * 20 + 2,
                "height": round(80 * count / tallest),
                "y": 80 - round(80 * count / tallest),
            }
            for (value, label), count in zip(RATING_CHOICES, self.counts, strict=True)
        ]


class ReviewManager(models.Manager.from_queryset(ReviewQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def at_slug(self, slug):
        """The review at `slug` with its film and author, or None, whoever may read it (ask
        `is_visible_to`). Without the author's password hash and email address, so that it may
        be kept in a shared cache."""
        reviews = self.select_related("film", "author").defer("author__password", "author__email")
        return reviews.filter(slug=slug).first()


class Review(RefusesControlCharacters, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    body = models.TextField(
        help_text="Markdown.",
        max_length=BODY_MAX_LENGTH,
        # A TextField's max_length sizes only its form field: the model checks it too.
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
    )
    # The body rendered once, when it is saved (see render_body), not on every page that shows it.
    body_html = models.TextField(editable=False, blank=True)
    excerpt = models.TextField(editable=False, blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=RATING_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="In half stars: 1 is ½ star, 10 is 5 stars. Empty for no rating.",
    )
    contains_spoilers = models.BooleanField(
        default=False, help_text="Readers see a warning and open the review themselves."
    )
    how_i_saw_it = models.CharField(
        "how I saw it",
        max_length=300,
        blank=True,
        help_text="e.g. on a VCD borrowed from the Chinatown library.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    is_hidden = models.BooleanField("hidden by staff", default=False)
    hidden_reason = models.CharField(
        max_length=300, blank=True, help_text="Shown to the author; required to hide."
    )

    objects = ReviewManager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="review_status_published_idx"),
            # A film's latest reviews without walking everyone's: its page and its review list.
            models.Index(
                fields=["film", "status", "-published_at"], name="review_film_published_idx"
            ),
            # The shown reviews only (shown_q): /reviews/ counts them from this small index
            # alone, not from the table, and finds the scheduled ones and its page by date.
            models.Index(
                fields=["-published_at"],
                name="review_shown_idx",
                condition=Q(status="published", is_hidden=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=10),
                name="review_rating_half_stars",
                violation_error_message="A rating is from ½ to 5 stars.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="review_published_has_date",
                violation_error_message="A published review needs its publication date.",
            ),
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="review_hidden_has_reason",
                violation_error_message="Give a reason to hide a review.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="review_body_max_length",
                violation_error_message=f"A review is {BODY_MAX_LENGTH:,} characters at most.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.title, Review.objects.exclude(pk=self.pk))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_one("reviews:detail", "slug", self.slug)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["films.film", "filmclub.user"]

    def render_body(self):
        """Set body_html (the Markdown body as sanitised HTML, safe to show as is) and the
        plain-text excerpt of the cards. Every save does it (render_on_save)."""
        self.body_html = render_markdown(self.body)
        self.excerpt = excerpt(self.body_html)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_published(self):
        """Published by its author (readable by all once its date comes, unless hidden)."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_public(self):
        """public_q's rule, for one review."""
        return (
            self.is_published
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and not self.is_hidden
        )

    def is_visible_to(self, user):
        """Whether `user` may read it: `Review.objects.visible_to`'s rule, for one review."""
        if self.is_public:
            return True
        if not user.is_authenticated:
            return False
        return self.author_id == user.pk or (
            self.is_published and self.is_hidden and can_moderate(user, Review)
        )

    @property
    def rating_label(self):
        return self.get_rating_display() if self.rating else ""

    def publish(self):
        """Mark as published; a review keeps its first publication date when re-published."""
        self.status = self.Status.PUBLISHED
        if self.published_at is None:
            self.published_at = timezone.now()

    def hide(self, reason):
        self.is_hidden = True
        self.hidden_reason = reason
        self.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])

    def unhide(self):
        self.is_hidden = False
        self.hidden_reason = ""
        self.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])


def unique_slug(title, others):
    base = slugify(title)[:200] or "review"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class CommentQuerySet(models.QuerySet):
    def for_thread(self, review):
        """Every comment of a review with its author, oldest first: one query for the whole
        thread, however deep; `build_thread` turns it into a tree."""
        return self.filter(review=review).select_related("author").order_by("created_at", "pk")

    def outline(self, review):
        """Every comment of a review as a row of OutlineNode.FIELDS: what build_thread needs to
        place and show it, no text, no author, no model instance: the shape of the whole
        discussion, in one light query."""
        comments = self.filter(review=review).order_by("created_at", "pk")
        return list(comments.values_list(*OutlineNode.FIELDS))

    def readable(self):
        """Comments whose text anyone may read where they see the review: neither deleted by
        their author nor hidden by staff."""
        return self.filter(is_deleted=False, is_hidden=False)

    def public(self):
        """Comments anyone may read: readable, on a public review."""
        return self.readable().filter(review__in=Review.objects.published())


class CommentManager(models.Manager.from_queryset(CommentQuerySet)):
    def get_by_natural_key(self, review_slug, author_handle, created_at):
        return self.get(
            review__slug=review_slug, author__username=author_handle, created_at=created_at
        )


class Comment(RefusesControlCharacters, models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(max_length=5000, blank=True)
    # Paragraphs and links, escaped, rendered when the comment is saved (see render_body).
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(
        default=False, help_text="Deleted by its author; kept as a placeholder for its replies."
    )
    is_hidden = models.BooleanField("hidden by staff", default=False)
    hidden_reason = models.CharField(
        max_length=300, blank=True, help_text="Shown to the author; required to hide."
    )

    objects = CommentManager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="comment_hidden_has_reason",
                violation_error_message="Give a reason to hide a comment.",
            ),
            models.CheckConstraint(
                condition=Q(is_deleted=True) | ~Q(body=""),
                name="comment_has_body",
                violation_error_message="A comment needs some text.",
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.review}"

    def get_absolute_url(self):
        """A permalink that finds the comment's page of the discussion (views.comment_link)."""
        return reverse("reviews:comment-link", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.review.slug, self.author.username, self.created_at)

    natural_key.dependencies = ["reviews.review", "filmclub.user"]

    def clean(self):
        if self.parent_id and self.review_id and self.parent.review_id != self.review_id:
            raise ValidationError({"parent": "A reply belongs to the same review as its comment."})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": "A comment cannot reply to itself."})

    def render_body(self):
        self.body_html = render_plain_text(self.body)

    @property
    def by_review_author(self):
        return self.author_id == self.review.author_id

    def hide(self, reason):
        self.is_hidden = True
        self.hidden_reason = reason
        self.save(update_fields=["is_hidden", "hidden_reason"])

    def unhide(self):
        self.is_hidden = False
        self.hidden_reason = ""
        self.save(update_fields=["is_hidden", "hidden_reason"])

    @transaction.atomic
    def delete_by_author(self):
        """Delete the comment; one with replies stays as a 'deleted' placeholder so the thread
        keeps its shape."""
        if self.replies.exists():
            self.is_deleted = True
            self.body = ""
            self.save(update_fields=["is_deleted", "body", "body_html"])
        else:
            self.delete()


@receiver(pre_save, sender=Review, dispatch_uid="review-render-body")
@receiver(pre_save, sender=Comment, dispatch_uid="comment-render-body")
def render_on_save(sender, instance, update_fields=None, **kwargs):
    """Render the body whenever it may have changed; fixture loads (raw saves) included."""
    if update_fields is None or "body" in update_fields:
        instance.render_body()


class OutlineNode:
    FIELDS = ("pk", "parent_id", "author_id", "is_deleted", "is_hidden")
    __slots__ = (*FIELDS, "children", "depth", "show_body")

    def __init__(self, pk, parent_id, author_id, is_deleted, is_hidden):
        self.pk, self.parent_id, self.author_id = pk, parent_id, author_id
        self.is_deleted, self.is_hidden = is_deleted, is_hidden


def build_thread(comments, *, review, user):
    """Turn a flat, oldest-first list of a review's comments into a tree.

    Each comment gets `children` and `depth`, and `show_body`: whether `user` may read it.
    Deleted comments, and hidden ones the user may not read, stay only as placeholders when
    something below them is shown; otherwise they are left out.
    """
    by_parent = {}
    for comment in comments:
        if review is not None:
            comment.review = review
        by_parent.setdefault(comment.parent_id, []).append(comment)

    can_see_hidden = can_moderate(user, Comment)

    def readable(comment):
        if comment.is_deleted:
            return False
        if comment.is_hidden:
            return can_see_hidden or comment.author_id == user.pk
        return True

    def grow(parent_id, depth):
        nodes = []
        for comment in by_parent.get(parent_id, []):
            comment.depth = depth
            comment.children = grow(comment.pk, depth + 1)
            comment.show_body = readable(comment)
            if comment.show_body or comment.children:
                nodes.append(comment)
        return nodes

    return grow(None, 0)


def count_thread(nodes):
    return sum(1 + count_thread(node.children) for node in nodes)


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def thread_shape(rows, user):
    """(how many comments `user` reads or sees a placeholder of, [each top-level thread's comment
    ids, the root first]) from outline rows."""
    threads = build_thread([OutlineNode(*row) for row in rows], review=None, user=user)
    return count_thread(threads), [tuple(node.pk for node in walk(root)) for root in threads]


@dataclass
class DiscussionShape:
    """A review's discussion without its text: what places every comment on its page, for every
    kind of reader at once. Remembered in the shared cache until the next write (a new, edited,
    deleted or hidden comment makes it stale, as it does cached pages)."""

    rows: list  # outline rows (OutlineNode.FIELDS), oldest first
    hidden_authors: set  # members who can read a hidden comment of their own here
    for_everyone: tuple  # thread_shape for anyone who reads no hidden comment
    for_staff: tuple  # and for staff, who read them all

    @classmethod
    def of(cls, review):
        """The shape of `review`'s discussion: one light query, worth keeping in a cache until
        a comment on the review changes (its tag, `review:7`)."""
        rows = Comment.objects.outline(review)
        staff = SimpleNamespace(
            is_authenticated=True, is_staff=True, pk=None, has_perm=lambda permission: True
        )
        return cls(
            rows=rows,
            hidden_authors={author for _, _, author, _, hidden in rows if hidden},
            for_everyone=thread_shape(rows, AnonymousUser()),
            for_staff=thread_shape(rows, staff),
        )


class Discussion:
    """A review's comments as `user` may see them, THREADS_PER_PAGE top-level comments (each
    with all its replies) to a page: placing every comment costs one light query (its
    DiscussionShape, which the view keeps), a page's comments with their text and authors one
    more, however long the discussion.

    `viewer` says who the discussion is shown to, as far as what it shows differs: staff read
    every hidden comment; a member reads their own hidden ones (their view is theirs alone);
    everyone else reads the same. `shape` is the discussion's DiscussionShape, when the caller
    kept it.
    """

    def __init__(self, review, user, shape=None):
        self.review, self.user = review, user
        shape = shape or DiscussionShape.of(review)
        if can_moderate(user, Comment):
            self.viewer, (self.total, self.threads) = "staff", shape.for_staff
        elif user.is_authenticated and user.pk in shape.hidden_authors:
            self.viewer = f"member:{user.pk}"
            self.total, self.threads = thread_shape(shape.rows, user)
        else:
            self.viewer, (self.total, self.threads) = "everyone", shape.for_everyone
        self.paginator = Paginator(self.threads, THREADS_PER_PAGE)

    def page(self, number):
        """The page of threads numbered `number`, as comment ids (InvalidPage if none)."""
        return self.paginator.page(number)

    def comments_on(self, page):
        """The page's threads as full comments (text, author), as trees."""
        ids = [pk for thread in page.object_list for pk in thread]
        comments = Comment.objects.for_thread(self.review).filter(pk__in=ids)
        return build_thread(list(comments), review=self.review, user=self.user)

    def page_number_of(self, comment):
        for index, thread in enumerate(self.threads):
            if comment.pk in thread:
                return index // THREADS_PER_PAGE + 1
        return 1

    def url_of(self, comment):
        number = self.page_number_of(comment)
        query = f"?page={number}" if number > 1 else ""
        return f"{self.review.get_absolute_url()}{query}#comment-{comment.pk}"
