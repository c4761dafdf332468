"""Outdoor screenings: the venues, the programmes shown there, and the members who are going.

Every time is an aware datetime. Staff enter a screening's date and times in the venue's own time
zone; `starts_at` (UTC in the database) is computed from them, or from the venue's dusk
(Venue.dusk) when the film starts "at dusk".
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.choices import status_in
from core.links import reverse_one
from core.managers import (
    HasNaturalKey,
    NaturalKeyManager,
    NaturalKeySlugManager,
    RemembersAsRead,
)
from films.models import Film
from films.validators import RefusesControlCharacters
from screenings.clock import (
    dusk_at,
    sunset_at,
    time_zone,
    validate_time_zone,  # screenings/migrations/0001_initial.py names it here
)
from screenings.querysets import ScreeningQuerySet, VenueQuerySet, has_ended
from screenings.runtime import programme_runtime
from screenings.signals import screening_changed
from screenings.validation import RAIN_DATE_AFTER, screening_errors


class Venue(RefusesControlCharacters, HasNaturalKey, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    address = models.CharField(max_length=300, blank=True, help_text="Street address or corner.")
    neighbourhood = models.CharField(max_length=100, blank=True, help_text="e.g. Fort Greene.")
    city = models.CharField(max_length=100, help_text="e.g. Brooklyn, New York.")
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text="Decimal degrees, north positive (40.69137). Sunset is computed from it.",
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text="Decimal degrees, east positive (-73.97545).",
    )
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text="IANA name, e.g. America/New_York. Screening times are entered and shown in it.",
    )
    is_outdoor = models.BooleanField("outdoor", default=True)
    what_to_bring = models.TextField(blank=True)
    house_rules = models.TextField(blank=True)
    accessibility = models.TextField("accessibility notes", blank=True)
    directions = models.TextField(
        blank=True, help_text="Once at the venue: which entrance, where the screen stands."
    )
    transit = models.TextField(
        "getting there", blank=True, help_text="The subway stations and buses nearby."
    )
    dusk_offset = models.PositiveSmallIntegerField(
        "film starts, minutes after sunset",
        null=True,
        blank=True,
        validators=[MaxValueValidator(180)],
        help_text="For films “at dusk”. Empty: when civil twilight ends (dark enough for the "
        "screen); set it only if this venue's screen needs more or less darkness than that.",
    )
    weather_policy = models.TextField(
        blank=True,
        help_text="What happens if the weather is bad, in words. Its screenings say it unless "
        "they have their own.",
    )
    rain_call_time = models.TimeField(
        "rain call",
        null=True,
        blank=True,
        help_text="Venue time, on the day, when the weather decision is made (13:00). Its "
        "screenings use it unless they have their own.",
    )
    reminder_time = models.TimeField(
        "reminder at",
        default=datetime.time(10, 0),
        help_text="The day before each screening here, members going get a reminder at this "
        "venue time.",
    )

    objects = NaturalKeySlugManager.from_queryset(VenueQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="venue_coordinates_on_earth",
                violation_error_message="Latitude is from -90 to 90, longitude from -180 to 180.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Local times and sunsets depend on the venue's zone and place: recompute what is to come.
        for screening in self.screenings.upcoming():
            screening.venue = self
            screening.save()

    def get_absolute_url(self):
        return reverse_one("screenings:venue", "slug", self.slug)

    @property
    def tz(self):
        return time_zone(self.time_zone)

    @property
    def place(self):
        """The address line visitors read: address, neighbourhood, city."""
        return ", ".join(part for part in (self.address, self.neighbourhood, self.city) if part)

    def openstreetmap_url(self):
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    def sunset(self, date):
        """The moment of sunset here on `date`, to the nearest minute (as almanacs give it), in
        the venue's time zone (ValueError where the sun does not set that day)."""
        return sunset_at(self.latitude, self.longitude, date, self.tz)

    def dusk(self, date):
        """When a film “at dusk” starts here on `date`: the end of civil twilight (dusk_at), or
        the sunset plus `dusk_offset` minutes where staff set one. The one rule of “at dusk”:
        the page, the calendar files and the JSON-LD all read `starts_at`, which
        compute_times() sets from it. ValueError where it does not get dark enough that day."""
        if self.dusk_offset is not None:
            return self.sunset(date) + datetime.timedelta(minutes=self.dusk_offset)
        return dusk_at(self.latitude, self.longitude, date, self.tz)


class Series(RefusesControlCharacters, HasNaturalKey, models.Model):
    """A season of screenings, e.g. Summer in the park 2025."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    objects = NaturalKeySlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name


class Screening(RefusesControlCharacters, HasNaturalKey, RemembersAsRead, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled"
        CANCELLED = "cancelled"
        POSTPONED = "postponed"
        RESCHEDULED = "rescheduled"

    class RainCall(models.TextChoices):
        GO = "go", "Go ahead"
        MOVE = "moved", "Move to the rain date"
        CANCEL = "cancelled", "Cancel"

    # Each rule once: the screenings that will take place, and those called off.
    GOING_AHEAD = frozenset({Status.SCHEDULED, Status.RESCHEDULED})
    CALLED_OFF = frozenset({Status.CANCELLED, Status.POSTPONED})

    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="The page's address. Left empty, it is made from the date and the venue.",
    )
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="screenings")
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="screenings"
    )
    date = models.DateField(help_text="The day, at the venue.")
    doors_time = models.TimeField(
        "doors open",
        null=True,
        blank=True,
        help_text="When doors or seating open, venue time. Must be before the film starts.",
    )
    start_time = models.TimeField(
        "film starts",
        null=True,
        blank=True,
        help_text="Venue time. Leave empty when the film starts at dusk.",
    )
    starts_at_dusk = models.BooleanField(
        "film at dusk",
        default=False,
        help_text="The film starts when it is dark enough: the end of civil twilight (or sunset "
        "plus the venue's own offset), computed from the venue's coordinates and the date.",
    )
    starts_at = models.DateTimeField(blank=True, editable=False, db_index=True)
    doors_at = models.DateTimeField(null=True, editable=False)
    status = models.CharField(max_length=12, choices=Status, default=Status.SCHEDULED)
    status_reason = models.CharField(
        "reason",
        max_length=300,
        blank=True,
        help_text="Shown to visitors: why it was cancelled, postponed or rescheduled.",
    )
    previous_starts_at = models.DateTimeField(
        "previous start",
        null=True,
        blank=True,
        editable=False,
        help_text="The start before the latest change of date or time.",
    )
    programme_note = models.ForeignKey(
        "reviews.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="screenings",
        # A draft too (a season winner's pitch is one): the page shows a note once it is public.
        limit_choices_to={"is_hidden": False},
        help_text="A review or essay to read before the screening. A draft shows on the "
        "screening's page once it is published.",
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Admission is free. Empty for no limit on how many members say they are going.",
    )
    weather_policy = models.TextField(
        blank=True,
        help_text="What happens if the weather is bad, in words. Empty: the venue's.",
    )
    rain_call_time = models.TimeField(
        "rain call",
        null=True,
        blank=True,
        help_text="Venue time, on the day, when the weather decision is made. Empty: the venue's.",
    )
    rain_date = models.DateField(
        null=True,
        blank=True,
        help_text="The day it moves to (same times) if the weather calls it off.",
    )
    rain_call = models.CharField(
        "weather call", max_length=9, choices=RainCall, blank=True, editable=False
    )
    rain_called_at = models.DateTimeField(null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised whenever the start, status, venue or programme changes (calendars).",
    )
    # The programme's runtime (runtime.programme_runtime) as the database keeps it, so that what
    # is on is found in SQL (querysets.ends_at_sql); kept by runtime.keep_programme_minutes.
    programme_minutes = models.PositiveIntegerField(default=0, editable=False)
    # Defaults rather than auto_now, so seed fixtures (saved raw) get them too.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = NaturalKeySlugManager.from_queryset(ScreeningQuerySet)()
    # What calendars care about: a change raises the SEQUENCE (save).
    remembered = ("starts_at", "status", "venue_id")

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at_dusk=True, start_time__isnull=True)
                | Q(starts_at_dusk=False, start_time__isnull=False),
                name="screening_start_time_or_dusk",
                violation_error_message="Give the film's start time, or tick “film at dusk”: "
                "one of the two.",
            ),
            models.CheckConstraint(
                condition=Q(status="scheduled") | ~Q(status_reason=""),
                name="screening_status_has_reason",
                violation_error_message="Say why (the reason is shown to visitors).",
            ),
            models.CheckConstraint(
                condition=Q(rain_date__isnull=True) | Q(rain_date__gt=models.F("date")),
                name="screening_rain_date_after_date",
                violation_error_message=RAIN_DATE_AFTER,
            ),
        ]

    def __str__(self):
        return f"{self.title} at {self.venue} on {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.compute_times()
        self.updated_at = timezone.now()
        if not self.slug:
            self.slug = self.unique_slug()
        changes = {}
        if getattr(self, "as_read", None) and not self._state.adding:
            changes = self.changed_since_read()
            if "starts_at" in changes:
                self.previous_starts_at = changes["starts_at"]
                if self.rain_call == self.RainCall.GO:  # a go ahead was for the day it was made
                    self.rain_call = ""
            if changes:
                self.sequence += 1
        super().save(*args, **kwargs)
        self.remember_as_read()
        if changes:
            screening_changed.send(sender=Screening, screening=self, changes=changes)

    def get_absolute_url(self):
        return reverse_one("screenings:detail", "slug", self.slug)

    def clean(self):
        errors = screening_errors(self)
        if errors:
            raise ValidationError(errors)

    def compute_times(self):
        """Set `starts_at` and `doors_at` from the venue-local date and times (or dusk)."""
        tz = self.venue.tz
        if self.starts_at_dusk:
            self.starts_at = self.venue.dusk(self.date)
        elif self.start_time is not None:
            self.starts_at = datetime.datetime.combine(self.date, self.start_time, tzinfo=tz)
        if self.doors_time is not None:
            self.doors_at = datetime.datetime.combine(self.date, self.doors_time, tzinfo=tz)
        else:
            self.doors_at = None

    def unique_slug(self):
        base = f"{self.date:%Y-%m-%d}-{self.venue.slug}"[:190]
        slug, number = base, 1
        while Screening.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    # Reading the programme (use for_list()/for_detail() so these cost no query).

    def programme(self):
        items = getattr(self, "fetched_items", None)  # fetched with the list (for_list)
        return [item.film for item in (self.items.all() if items is None else items)]

    @property
    def title(self):
        """The features' titles; the shorts that precede them are in `preceded_by`."""
        films = self.programme()
        features = [film.title for film in films if film.kind == Film.Kind.FEATURE]
        return " / ".join(features or [film.title for film in films]) or "Screening"

    @property
    def feature(self):
        """The film the evening is for: the last feature on the programme."""
        features = [film for film in self.programme() if film.kind == Film.Kind.FEATURE]
        return features[-1] if features else None

    @property
    def preceded_by(self):
        return [film for film in self.programme() if film.kind == Film.Kind.SHORT]

    def runtime_minutes(self):
        return programme_runtime(self.programme())

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.runtime_minutes())

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.venue.tz)

    @property
    def sunset_at(self):
        """The day's sunset at the venue, for a film at dusk (None otherwise)."""
        return self.venue.sunset(self.date) if self.starts_at_dusk else None

    @property
    def rain_call_at(self):
        """When the weather decision is due (the screening's call time, else its venue's), in
        the venue's zone; None for an indoor venue or without a call time."""
        call = self.rain_call_time or self.venue.rain_call_time
        if call is None or not self.venue.is_outdoor:
            return None
        return datetime.datetime.combine(self.date, call, tzinfo=self.venue.tz)

    @property
    def weather_policy_text(self):
        return self.weather_policy or self.venue.weather_policy

    @property
    def is_past(self):
        """Ended (querysets.has_ended: its programme has run)."""
        return has_ended(self)

    @property
    def going_phrase(self):
        """How a list tells who is going (`going_count`, annotated by with_going_count): "12
        going"; once it is past, "12 said they would come", or nothing when nobody did (a past
        screening never reads "0 going"). Nothing for one called off: nobody is going to it."""
        if self.is_called_off:
            return ""
        going = getattr(self, "going_count", 0)
        if not self.is_past:
            return f"{going} going"
        return f"{going} said they would come" if going else ""

    @property
    def takes_rsvps(self):
        return self.status in self.GOING_AHEAD and not self.is_past

    is_called_off = status_in(*CALLED_OFF)

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.going, 0)

    @property
    def going(self):
        count = getattr(self, "going_count", None)
        return self.rsvps.count() if count is None else count

    def bump_sequence(self, programme_before=None):
        Screening.objects.filter(pk=self.pk).update(sequence=models.F("sequence") + 1)
        self.refresh_from_db(fields=["sequence"])
        if programme_before is not None:
            changes = {"programme": programme_before}
            screening_changed.send(sender=Screening, screening=self, changes=changes)


class ProgrammeItem(RefusesControlCharacters, HasNaturalKey, models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="items")
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="programme_items")
    order = models.PositiveSmallIntegerField(
        default=1, help_text="Order of play: the short first, then the feature."
    )

    objects = NaturalKeyManager("screening__slug", "film__slug")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "programme item"
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "film"],
                name="programme_item_unique",
                violation_error_message="This film is already on the programme.",
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.film.title}"


# Who is going, the waitlist and the reminders sent (screenings.attendance) are models of this app:
# imported here, after the models they point to, so that Django registers them with the app.
from screenings.attendance import RSVP, Reminder, WaitlistEntry  # noqa: E402, F401
