"""Member reviews, modelled on blog posts, and their threaded comments (their querysets are in
reviews.querysets, staff hiding them in reviews.moderation)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

from core.choices import status_in
from core.links import reverse_one
from core.managers import HasNaturalKey, NaturalKeyManager, NaturalKeySlugManager
from films.validators import RefusesControlCharacters
from reviews.choices import ReviewStatus
from reviews.markdown import excerpt, render_markdown, render_plain_text
from reviews.moderation import can_moderate, hidden_has_reason
from reviews.querysets import CommentQuerySet, ReviewLikeQuerySet, ReviewQuerySet
from reviews.ratings import RATING_CHOICES
from reviews.tags import TAGS_MAX_LENGTH, normal_tags, tag_list

# Slugs that would shadow the fixed review URLs (/reviews/new/, /reviews/feed/).
RESERVED_SLUGS = {"new", "feed"}
# The longest review, in characters: long enough for any essay, short enough to render quickly.
BODY_MAX_LENGTH = 50_000


class ReviewManager(NaturalKeySlugManager.from_queryset(ReviewQuerySet)):
    def at_slug(self, slug):
        """The review at `slug` with its film and author, or None, whoever may read it (ask
        `is_visible_to`). Without the author's password hash and email address, so that it may
        be kept in a shared cache."""
        reviews = self.select_related("film", "author").defer("author__password", "author__email")
        return reviews.filter(slug=slug).first()


class Review(RefusesControlCharacters, HasNaturalKey, models.Model):
    """A member's log of a film: when they watched it (`watched_on`; undated when they only
    marked it seen or rated it), whether it was a rewatch, an optional half-star rating, how they
    saw it, whether they liked it, and optionally text. A log with text is a review (has_text_q):
    it has a card, a page of its own with comments, and it may be a draft first. A log without
    text is a line of the member's diary."""

    Status = ReviewStatus

    class Format(models.TextChoices):
        CINEMA = "cinema", "In a cinema"
        OUTDOOR = "outdoor", "At an outdoor screening"
        FESTIVAL = "festival", "At a festival"
        TELEVISION = "television", "On television"
        STREAMING = "streaming", "Streaming"
        BLURAY = "bluray", "On Blu-ray"
        DVD = "dvd", "On DVD"
        VCD = "vcd", "On VCD"
        VHS = "vhs", "On VHS"
        OTHER = "other", "Another way"

    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    title = models.CharField(max_length=200, blank=True, help_text="Optional, for a review.")
    slug = models.SlugField(max_length=220, unique=True)
    body = models.TextField(
        "review",
        blank=True,
        help_text="Markdown. Leave it empty to log the film without a review.",
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
        help_text="From ½ star to 5 stars; optional.",
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
    watched_on = models.DateField(
        "watched on",
        null=True,
        blank=True,
        help_text="Empty if you do not remember: the film is then marked seen, not in your diary.",
    )
    is_rewatch = models.BooleanField("a rewatch", default=False)
    format = models.CharField("how you watched it", max_length=12, choices=Format, blank=True)
    liked = models.BooleanField("liked it", default=False)
    tags = models.CharField(
        max_length=TAGS_MAX_LENGTH,
        blank=True,
        help_text="Your own labels for this viewing, separated by commas: outdoor, with friends.",
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
            # The shown reviews only (shown_q, has_text_q): /reviews/ counts them from this small
            # index alone, not from the table, and finds the scheduled ones and its page by date.
            models.Index(
                fields=["-published_at"],
                name="review_shown_idx",
                condition=Q(status="published", is_hidden=False) & ~Q(body=""),
            ),
            # A member's diary in its order (diary_of): read in order and stopped at a page, even
            # by a prepared statement's generic plan, which cannot know the diary is long.
            models.Index(fields=["author", "-watched_on", "-id"], name="review_diary_idx"),
            models.Index(fields=["author", "film"], name="review_author_film_idx"),
            # Whether a review is public (public_q), answered from this index alone: a member's
            # activity feed asks it of every comment by the members they follow
            # (Comment.objects.public()). In the key, not INCLUDE, so SQLite has it too.
            models.Index(
                fields=["id", "status", "is_hidden", "published_at"], name="review_public_idx"
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
            hidden_has_reason("review"),
            models.CheckConstraint(
                condition=Q(title="") | ~Q(body=""),
                name="review_title_has_text",
                violation_error_message="A title goes with a review: write the review too.",
            ),
            models.CheckConstraint(
                condition=~Q(status="draft") | ~Q(body=""),
                name="review_draft_has_text",
                violation_error_message="Only a review (a log with text) can be a draft.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="review_body_max_length",
                violation_error_message=f"A review is {BODY_MAX_LENGTH:,} characters at most.",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.author} on {self.film}"

    def save(self, *args, **kwargs):
        self.tags = normal_tags(self.tags)
        if not self.slug:
            base = self.title or f"{self.film.title} {self.author.username}"
            self.slug = unique_slug(base, Review.objects.exclude(pk=self.pk))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_one("reviews:detail", "slug", self.slug)

    def render_body(self):
        """Set body_html (the Markdown body as sanitised HTML, safe to show as is) and the
        plain-text excerpt of the cards. Every save does it (render_on_save)."""
        self.body_html = render_markdown(self.body)
        self.excerpt = excerpt(self.body_html)

    @property
    def display_title(self):
        """The title, or for a review without one its first words: what links to it say. From
        its own fields only, so that a list of reviews asks nothing more of the database."""
        return self.title or Truncator(self.excerpt).words(8) or "A log"

    @property
    def tag_list(self):
        return tag_list(self.tags)

    @property
    def has_text(self):
        """has_text_q's rule, for one log: a review."""
        return bool(self.body)

    is_draft = status_in(Status.DRAFT)
    is_published = status_in(
        Status.PUBLISHED,
        doc="Published by its author (readable by all once its date comes, unless hidden).",
    )

    @property
    def is_public(self):
        """public_q's rule, for one review."""
        return (
            self.is_published
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and not self.is_hidden
        )

    @property
    def is_public_review(self):
        """public_reviews' rule, for one log: public, with text."""
        return self.is_public and self.has_text

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


class Comment(RefusesControlCharacters, HasNaturalKey, models.Model):
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

    objects = NaturalKeyManager.from_queryset(CommentQuerySet)(
        "review__slug", "author__username", "created_at"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The comments of the members someone follows, for their activity feed
            # (members.activity), read from this index alone: everything the feed's query asks
            # of a comment is in it.
            models.Index(
                fields=["author", "-created_at", "-id", "review", "is_deleted", "is_hidden"],
                name="comment_author_feed_idx",
            ),
        ]
        constraints = [
            hidden_has_reason("comment"),
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


class ReviewLike(RefusesControlCharacters, models.Model):
    """A member's heart on a review (one each; never on their own review)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="likes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_likes"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ReviewLikeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "review"], name="review_like_once"),
        ]
        indexes = [models.Index(fields=["review", "member"], name="review_like_review_idx")]

    def __str__(self):
        return f"{self.member} likes {self.review}"
