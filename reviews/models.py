"""Member reviews, modelled on blog posts, and their threaded comments."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class ReviewQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            status=Review.Status.PUBLISHED, published_at__lte=timezone.now(), is_hidden=False
        )


class ReviewManager(models.Manager.from_queryset(ReviewQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    body = models.TextField(help_text="Markdown.", max_length=50_000)
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="In half stars: 1 is ½ star, 10 is 5 stars. Empty for no rating.",
    )
    contains_spoilers = models.BooleanField(default=False)
    how_i_saw_it = models.CharField(
        "how I saw it",
        max_length=300,
        blank=True,
        help_text="e.g. on a VCD borrowed from the Chinatown library.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_hidden = models.BooleanField("hidden by staff", default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = ReviewManager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
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
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class CommentManager(models.Manager):
    def get_by_natural_key(self, review_slug, author_handle, created_at):
        return self.get(
            review__slug=review_slug, author__username=author_handle, created_at=created_at
        )


class Comment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    is_hidden = models.BooleanField("hidden by staff", default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = CommentManager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} on {self.review}"

    def get_absolute_url(self):
        return f"{self.review.get_absolute_url()}#comment-{self.pk}"

    def natural_key(self):
        return (self.review.slug, self.author.username, self.created_at)

    natural_key.dependencies = ["reviews.review", "filmclub.user"]
