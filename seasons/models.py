"""Seasons the members choose: suggestions, seconds, a shortlist, secret ranked ballots, results.

A season moves draft → suggesting → voting → closed (Season.TRANSITIONS), only forward.

Ballots are secret. Who has voted is a `Voter` row (season, member); what was ranked is a
`Ballot` row with no member, no time and no sequential id (a random UUID), found again only by a
keyed hash of the member's id (`Ballot.key`) under the season's own `ballot_secret`, so a member
can change their ballot while voting is open. The secret is made when voting opens and erased
when it closes: from then on nothing, not even the database with the site's SECRET_KEY, links a
ballot to a member. While voting is open, someone with the database *and* that season's secret
could; no page, admin screen or export shows either.
"""

import hashlib
import hmac
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Avg, Case, Count, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.choices import status_in
from core.constraints import once_per_member
from core.managers import HasNaturalKey, NaturalKeySlugManager
from films.models import Film
from films.validators import RefusesControlCharacters
from screenings.models import Screening, Venue
from seasons import counting, news
from seasons.audience import CheckIn, Going, Verdict  # noqa: F401 (models of the app, defined there)

PITCH_MAX_LENGTH = 600


class SeasonQuerySet(models.QuerySet):
    def public(self):
        """Seasons members can see: every one staff have opened."""
        return self.exclude(status=Season.Status.DRAFT)

    def taking_suggestions(self):
        return self.filter(status=Season.Status.SUGGESTING)


class Season(RefusesControlCharacters, HasNaturalKey, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being prepared"
        SUGGESTING = "suggesting", "Open for suggestions"
        VOTING = "voting", "Open for voting"
        CLOSED = "closed", "Closed"

    # The only moves a season makes (Season.move_to, the admin's actions).
    TRANSITIONS = {
        Status.DRAFT: {Status.SUGGESTING},
        Status.SUGGESTING: {Status.VOTING},
        Status.VOTING: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    name = models.CharField(max_length=200, help_text="e.g. Summer 2026.")
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    starts_on = models.DateField(help_text="The first evening of the season's screenings.")
    ends_on = models.DateField(help_text="The last evening of the season's screenings.")
    venues = models.ManyToManyField(
        Venue,
        related_name="seasons",
        help_text="Where the winners are screened (the first "
        "with a free evening is chosen when they are scheduled).",
    )
    slots = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many films the members choose.",
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT, editable=False)
    ballot_secret = models.CharField(max_length=64, blank=True, editable=False)
    results = models.JSONField(
        null=True, blank=True, editable=False, help_text="Every round of the count, when closed."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = NaturalKeySlugManager.from_queryset(SeasonQuerySet)()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="season_ends_after_it_starts",
                violation_error_message="The season ends on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=Q(slots__gte=1),
                name="season_has_a_slot",
                violation_error_message="A season has at least one slot.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("seasons:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        loaded = getattr(self, "_loaded_status", None)
        if loaded is None and self.status != self.Status.DRAFT and self._state.adding:
            raise ValidationError({"status": "A new season starts as being prepared."})
        if loaded is not None and loaded != self.status:
            self.check_transition(loaded, self.status)

    def check_transition(self, before, after):
        if after not in self.TRANSITIONS[self.Status(before)]:
            raise ValidationError(
                f"A season {self.Status(before).label.lower()} cannot become "
                f"“{self.Status(after).label.lower()}”.",
                code="transition",
            )

    takes_suggestions = status_in(Status.SUGGESTING)
    takes_votes = status_in(Status.VOTING)
    is_closed = status_in(Status.CLOSED)

    @property
    def has_results(self):
        """Whether the count is there to show: stored when voting closed."""
        return self.is_closed and self.results is not None

    def shortlist(self):
        """The shortlisted suggestions, in the order they were made (the count's priority)."""
        return (
            self.suggestions.filter(is_shortlisted=True)
            .select_related("film")
            .order_by("created_at", "pk")
        )

    def ballot_key(self, user):
        """The key of `user`'s ballot in this season (see the module's docstring)."""
        return hmac.new(
            self.ballot_secret.encode(), str(user.pk).encode(), hashlib.sha256
        ).hexdigest()

    @transaction.atomic
    def move_to(self, status):
        """Move the season on (TRANSITIONS), with what the move does: opening voting needs
        more shortlisted films than slots and makes the ballot secret; closing counts the
        ballots, stores every round, erases the secret and tells the winners' suggesters."""
        season = Season.objects.select_for_update().get(pk=self.pk)
        season.check_transition(season.status, status)
        if status == self.Status.VOTING:
            shortlisted = season.suggestions.filter(is_shortlisted=True).count()
            if shortlisted <= season.slots:
                raise ValidationError(
                    f"Shortlist more films than the season's {season.slots} "
                    f"slot{'s' if season.slots != 1 else ''} before voting opens "
                    f"({shortlisted} shortlisted).",
                    code="shortlist",
                )
            season.ballot_secret = secrets.token_hex(32)
        if status == self.Status.CLOSED:
            season.results = season.count().as_data()
            season.ballot_secret = ""
            winners = season.results["elected"]
            for place, suggestion_id in enumerate(winners, start=1):
                Suggestion.objects.filter(pk=suggestion_id).update(won_place=place)
        season.status = status
        season.save()
        if status == self.Status.CLOSED:
            news.tell_suggesters_of_winners(season)
        self.__dict__.update(
            {name: getattr(season, name) for name in ("status", "ballot_secret", "results")}
        )
        self._loaded_status = status
        return self

    def count(self):
        """Count this season's ballots (seasons.counting) among the shortlist."""
        shortlist = list(self.shortlist().values_list("pk", "created_at"))
        return counting.count(
            self.ballots.values_list("ranking", flat=True).iterator(),
            [pk for pk, _ in shortlist],
            seats=self.slots,
            priority={pk: (created, pk) for pk, created in shortlist},
            seed=self.slug,
        )


class SuggestionQuerySet(models.QuerySet):
    def in_public_seasons(self):
        return self.filter(season__in=Season.objects.public())

    def with_seconds(self):
        """Each with `second_count`, most seconded first, then the earliest."""
        return self.annotate(second_count=Count("seconds", distinct=True)).order_by(
            "-second_count", "created_at", "pk"
        )

    def season_table(self):
        """The scheduled winners, best audience score first (`score`, `votes`)."""
        points = Case(
            *[
                When(screening__verdicts__grade=grade, then=Value(value))
                for grade, value in Verdict.POINTS.items()
            ],
            output_field=IntegerField(),
        )
        return (
            self.filter(screening__isnull=False)
            .select_related("film", "screening")
            .annotate(score=Avg(points), votes=Count("screening__verdicts"))
            .order_by(F("score").desc(nulls_last=True), "won_place", "pk")
        )

    def for_page(self):
        """Everything a suggestion's row on the season page shows."""
        return self.select_related("film", "suggested_by").with_seconds()


class Suggestion(RefusesControlCharacters, models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="suggestions")
    film = models.ForeignKey(
        Film,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text="Empty for a film not yet in the catalogue: then its title and year.",
    )
    title = models.CharField(
        max_length=300, blank=True, help_text="A film not in the catalogue: its title."
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1870), MaxValueValidator(2100)]
    )
    pitch = models.TextField(
        max_length=PITCH_MAX_LENGTH,
        help_text=f"Why the club should see it, in up to {PITCH_MAX_LENGTH} characters.",
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    is_shortlisted = models.BooleanField("shortlisted", default=False)
    won_place = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    screening = models.OneToOneField(
        Screening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="season_suggestion",
        help_text="The screening the winner was scheduled as.",
    )
    programme_note = models.OneToOneField(
        "reviews.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The pitch as a draft note: publishing it makes it the screening's note.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["season", "film"],
                condition=Q(film__isnull=False),
                name="suggestion_once_per_film",
                violation_error_message="This film has already been suggested for this season: "
                "second it instead.",
            ),
            models.CheckConstraint(
                condition=Q(film__isnull=False) | ~Q(title=""),
                name="suggestion_names_a_film",
                violation_error_message="Choose a film from the catalogue, or give its title.",
            ),
        ]

    def __str__(self):
        return self.film_title

    @property
    def film_title(self):
        if self.film_id:
            return str(self.film)
        return f"{self.title} ({self.year})" if self.year else self.title

    def clean(self):
        if self.film_id is None and self.title:
            same = Suggestion.objects.filter(
                season_id=self.season_id,
                film__isnull=True,
                title__iexact=self.title,
                year=self.year,
            ).exclude(pk=self.pk)
            if same.exists():
                raise ValidationError(
                    "This film has already been suggested for this season: second it instead."
                )

    def withdrawal_refused(self, user):
        """Why `user` may not withdraw this suggestion, or "" if they may: only the member who
        made it, and only while nobody has seconded it (members who backed it keep it in the
        running; staff remove one in the admin). Needs `second_count` (with_seconds); the
        season's stage is the caller's to check."""
        if self.suggested_by_id is None or self.suggested_by_id != user.pk:
            return "Only the member who suggested a film may withdraw it."
        if self.second_count:
            members = f"{self.second_count} member{'s' if self.second_count != 1 else ''}"
            return f"{members} seconded {self}: it stays in the running."
        return ""

    @transaction.atomic
    def add_to_catalogue(self):
        """Make the catalogue's Film from this suggestion's title and year, and point to it
        (or to the film already there by that title and year). Returns the film."""
        if self.film_id:
            return self.film
        film = Film.objects.filter(title__iexact=self.title, year=self.year).first()
        if film is None:
            film = Film(title=self.title, year=self.year)
            film.slug = unique_film_slug(film)
            film.full_clean()
            film.save()
        if Suggestion.objects.filter(season_id=self.season_id, film=film).exists():
            raise ValidationError(f"{film} is already suggested for {self.season}.")
        self.film = film
        self.save(update_fields=["film"])
        return film


def unique_film_slug(film):
    base = slugify(f"{film.title} {film.year or ''}")[:280] or "film"
    slug, number = base, 1
    while Film.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def withdraw_suggestion(*, suggestion, user):
    """Delete `user`'s own unseconded `suggestion` while its season takes suggestions
    (Suggestion.withdrawal_refused). The season and the suggestion are locked, so the season
    cannot move on, nor a second arrive, in between. Raises ValidationError."""
    season = Season.objects.select_for_update().get(pk=suggestion.season_id)
    if not season.takes_suggestions:
        raise ValidationError(f"{season} is not taking suggestions.", code="closed")
    locked = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("film")
        .get(pk=suggestion.pk)
    )
    locked.second_count = locked.seconds.count()
    refused = locked.withdrawal_refused(user)
    if refused:
        raise ValidationError(refused, code="refused")
    locked.delete()


class Second(RefusesControlCharacters, models.Model):
    """A member backing someone else's suggestion."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="seconds")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seconds"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            once_per_member(
                "second", per="suggestion", message="You have already seconded this suggestion."
            )
        ]

    def __str__(self):
        return f"{self.user} seconds {self.suggestion_id}"


def take_back_second(*, suggestion, user):
    """Delete `user`'s second of `suggestion` (the season's stage is the caller's to check).
    Raises ValidationError if they had given none."""
    taken_back, _ = Second.objects.filter(suggestion=suggestion, user=user).delete()
    if not taken_back:
        raise ValidationError(f"You had not seconded {suggestion}.", code="none")


class Voter(RefusesControlCharacters, models.Model):
    """That a member has voted in a season: nothing of what they ranked."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="voters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="season_votes"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["season", "user"], name="voter_once_per_season"),
        ]

    def __str__(self):
        return f"{self.user} voted in {self.season}"


class Ballot(RefusesControlCharacters, models.Model):
    """One secret ranking: no member, no time, a random id (see the module's docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="ballots")
    key = models.CharField(max_length=64, editable=False)
    ranking = models.JSONField(default=list, help_text="Suggestion ids, most preferred first.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["season", "key"], name="ballot_once_per_key"),
        ]

    def __str__(self):
        return "A secret ballot"


class ClosedForVoting(ValidationError):
    pass


@transaction.atomic
def cast_ballot(*, season, user, ranking):
    """Record (or replace) `user`'s ranking of `season`'s shortlist: suggestion ids, most
    preferred first, each shortlisted, none twice. Raises ValidationError."""
    locked = Season.objects.select_for_update().get(pk=season.pk)
    if not (locked.takes_votes and locked.ballot_secret):
        raise ClosedForVoting("Voting for this season is not open.", code="closed")
    shortlist = set(locked.suggestions.filter(is_shortlisted=True).values_list("pk", flat=True))
    ranking = [int(pk) for pk in ranking]
    if not ranking:
        raise ValidationError("Rank at least one film.", code="empty")
    if len(set(ranking)) != len(ranking) or not set(ranking) <= shortlist:
        raise ValidationError("Rank each shortlisted film at most once.", code="invalid")
    key = locked.ballot_key(user)
    Voter.objects.get_or_create(season=locked, user=user)
    Ballot.objects.update_or_create(season=locked, key=key, defaults={"ranking": ranking})


def has_voted(season, user):
    return user.is_authenticated and Voter.objects.filter(season=season, user=user).exists()


def ranking_of(season, user):
    """`user`'s own ranking (only they see it, only while voting is open), or []."""
    if not (season.takes_votes and season.ballot_secret and user.is_authenticated):
        return []
    ballot = Ballot.objects.filter(season=season, key=season.ballot_key(user)).first()
    return ballot.ranking if ballot else []
