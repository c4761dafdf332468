"""An import of a Letterboxd export, and the films members want added to the catalogue."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class ImportJob(models.Model):
    """One uploaded export: its rows as read and matched (`rows`), the films the member chose for
    the ambiguous ones, and how far applying them has gone. A job is shown to its member only."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Waiting for your confirmation"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status, default=Status.PREVIEW)
    # [{file, line, kind, name, year, uri, date, watched_on, rating, rewatch, review, films}]:
    # `films` holds the candidate film ids (one: matched; none: unmatched; several: ambiguous).
    # A list's own row (kind "list") has no film: {file, line, kind, name, date, description,
    # ranked}; its films' rows also have {list, position, note}.
    rows = models.JSONField(default=list)
    # "name|year" -> the film id the member chose, or 0 for none of them.
    choices = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.member}'s import of {self.filename}"

    def get_absolute_url(self):
        return reverse("members:import-job", kwargs={"handle": self.member.username, "pk": self.pk})

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        return 100 if not self.total else min(100, self.processed * 100 // self.total)


class WantedFilmQuerySet(models.QuerySet):
    def most_wanted(self):
        """Each title and year asked for, with how many members asked, the most asked first."""
        return (
            self.values("name", "year")
            .annotate(members=models.Count("member", distinct=True))
            .order_by("-members", "name", "year")
        )


class WantedFilm(models.Model):
    """A film a member logged on Letterboxd that the catalogue lacks: kept so that staff know
    which films members want added (one row per member, title and year)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wanted_films"
    )
    name = models.CharField("title", max_length=300)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    letterboxd_uri = models.URLField("Letterboxd address", max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = WantedFilmQuerySet.as_manager()

    class Meta:
        verbose_name = "film members want added"
        verbose_name_plural = "films members want added"
        ordering = ["name", "year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "name", "year"], name="wanted_film_once"),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})" if self.year else self.name
