"""A review's status, defined apart from the model so that the querysets' rules (shown_q in
reviews.querysets) can name it without importing reviews.models; the model takes it as
`Review.Status`."""

from django.db import models


class ReviewStatus(models.TextChoices):
    DRAFT = "draft"
    PUBLISHED = "published"
