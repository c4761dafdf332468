"""Who is going, who is waiting for a place, and who was reminded: models of the screenings app,
registered by screenings.models (which imports them). The rules that write them are in
screenings.rsvps and screenings.reminders."""

from django.conf import settings
from django.db import models
from django.db.models import Subquery
from django.utils import timezone

from core.constraints import once_per_member
from films.validators import RefusesControlCharacters


class RSVP(RefusesControlCharacters, models.Model):
    """A member saying they are going."""

    screening = models.ForeignKey(
        "screenings.Screening", on_delete=models.CASCADE, related_name="rsvps"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "screenings"
        ordering = ["created_at", "pk"]
        verbose_name = "RSVP"
        constraints = [
            once_per_member("rsvp", per="screening", message="You have already said you are going.")
        ]

    def __str__(self):
        return f"{self.user} is going to {self.screening_id}"


class WaitlistQuerySet(models.QuerySet):
    def position(self, screening, user):
        """The member's place in the screening's queue (1: next to get a place), or None, in
        one query."""
        mine = self.filter(screening=screening, user=user).values("pk")[:1]
        return self.filter(screening=screening, pk__lte=Subquery(mine)).count() or None


class WaitlistEntry(RefusesControlCharacters, models.Model):
    """A member waiting for a place at a full screening; the earliest gets the next one."""

    screening = models.ForeignKey(
        "screenings.Screening", on_delete=models.CASCADE, related_name="waitlist"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = WaitlistQuerySet.as_manager()

    class Meta:
        app_label = "screenings"
        # Joins are made one at a time per screening (its row locked), so the key is the order.
        ordering = ["pk"]
        verbose_name = "waitlist entry"
        verbose_name_plural = "waitlist"
        constraints = [
            once_per_member("waitlist", per="screening", message="You are already on the waitlist.")
        ]

    def __str__(self):
        return f"{self.user} is waiting for {self.screening_id}"


class Reminder(RefusesControlCharacters, models.Model):
    """The reminder a member going to a screening was sent the day before: one per member per
    screening day, so a run repeated (or run by two machines) sends nobody a second one, and a
    screening moved to another day is reminded of again."""

    screening = models.ForeignKey(
        "screenings.Screening", on_delete=models.CASCADE, related_name="reminders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_reminders"
    )
    date = models.DateField(help_text="The screening's day the reminder was for.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "screenings"
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "user", "date"], name="reminder_once_per_member_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.user} reminded of {self.screening_id} on {self.date}"
