"""How a film was received: its awards, its release history, critics' words and its places on
lists. Models of the films app, registered by films.models (which imports them)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.managers import HasNaturalKey, NaturalKeyManager, NaturalKeySlugManager
from films.validators import RefusesControlCharacters


class AwardBody(RefusesControlCharacters, HasNaturalKey, models.Model):
    name = models.CharField(max_length=200, help_text="e.g. Golden Horse Film Festival and Awards.")
    slug = models.SlugField(max_length=200, unique=True)
    other_names = models.CharField(
        max_length=300, blank=True, help_text="Other names it goes by, comma separated."
    )

    objects = NaturalKeySlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = "awarding body"
        verbose_name_plural = "awarding bodies"

    def __str__(self):
        return self.name


class Ceremony(RefusesControlCharacters, HasNaturalKey, models.Model):
    body = models.ForeignKey(AwardBody, on_delete=models.CASCADE, related_name="ceremonies")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1900)])
    edition = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Ordinal of the edition (34 for the 34th), if known."
    )

    objects = NaturalKeyManager("body__slug", "year")

    class Meta:
        ordering = ["year", "body__name"]
        verbose_name_plural = "ceremonies"
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="ceremony_unique"),
        ]

    def __str__(self):
        if self.edition:
            return f"{ordinal(self.edition)} {self.body} ({self.year})"
        return f"{self.body} ({self.year})"


def ordinal(number):
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


class Accolade(RefusesControlCharacters, HasNaturalKey, models.Model):
    """A category a film was up for at a ceremony; the recipient is the film, or a person for it."""

    # Words of the categories that honour a person (Best Actress, Best Art Direction, Best Original
    # Film Score...): with no person given, the source named nobody, and the film is not the
    # recipient either.
    PERSON_CATEGORY_WORDS = frozenset(
        {"actor", "actress", "director", "direction", "screenplay", "writer", "writing"}
        | {"cinematography", "editing", "editor", "score", "music", "song", "performer"}
        | {"newcomer", "costume", "design", "designer", "make-up", "makeup"}
    )

    class Result(models.TextChoices):
        WON = "won"
        NOMINATED = "nominated"
        UNKNOWN = "unknown"

    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="accolades")
    ceremony = models.ForeignKey(Ceremony, on_delete=models.PROTECT, related_name="accolades")
    category = models.CharField(max_length=200)
    person = models.ForeignKey(
        "films.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accolades",
        help_text="The person honoured; leave empty when the film itself is the recipient "
        "or the source does not say.",
    )
    result = models.CharField(
        max_length=10,
        choices=Result,
        default=Result.UNKNOWN,
        help_text="Unknown when the source does not say whether it won.",
    )
    order = models.PositiveSmallIntegerField(default=1, help_text="Order within the ceremony.")

    objects = NaturalKeyManager("film__slug", "ceremony__body__slug", "ceremony__year", "category")

    class Meta:
        ordering = ["ceremony__year", "ceremony__body__name", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "ceremony", "category"],
                name="accolade_unique",
                violation_error_message="This film already has this category at this ceremony.",
            ),
        ]

    def __str__(self):
        return f"{self.ceremony}: {self.category}"

    @property
    def honours_a_person(self):
        words = self.category.lower().replace(":", " ").split()
        return not self.PERSON_CATEGORY_WORDS.isdisjoint(words)

    @property
    def result_shown(self):
        """What a page says of the result: "Won" or "Nominated", nothing when the source does not
        say (a reader takes "Unknown" for the name of a result)."""
        return "" if self.result == self.Result.UNKNOWN else str(self.get_result_display())

    @property
    def unnamed_recipient(self):
        """What a page says when no person is given: "the film", or "not named" for a category
        that honours a person."""
        return "not named" if self.honours_a_person else "the film"


class ReleaseEvent(RefusesControlCharacters, HasNaturalKey, models.Model):
    """A notable moment in a film's release history."""

    class Kind(models.TextChoices):
        PREMIERE = "premiere", "Release"
        FESTIVAL = "festival", "Festival screening"
        RESTORATION = "restoration", "Restored print"
        RESTRICTION = "restriction", "Restriction"
        RESTRICTION_LIFTED = "restriction_lifted", "Restriction lifted"
        RERELEASE = "rerelease", "Re-release"

    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="release_events")
    kind = models.CharField(max_length=20, choices=Kind)
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1870)])
    date = models.DateField(null=True, blank=True, help_text="The exact day, when known.")
    place = models.CharField(max_length=200, blank=True, help_text="A territory or a festival.")
    description = models.TextField(blank=True)

    objects = NaturalKeyManager("film__slug", "kind", "year", "place")

    class Meta:
        ordering = ["year", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "kind", "year", "place"], name="release_event_unique"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()}: {self.place}"

    def clean(self):
        if self.date and self.date.year != self.year:
            raise ValidationError({"date": "The date must fall in the event's year."})


class CriticQuote(RefusesControlCharacters, HasNaturalKey, models.Model):
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="quotes")
    quote = models.TextField()
    critic = models.CharField(max_length=200)
    publication = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    context = models.CharField(
        max_length=300, blank=True, help_text="What the critic was writing about."
    )
    order = models.PositiveSmallIntegerField(default=1)

    objects = NaturalKeyManager("film__slug", "critic", "quote")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "critic's quote"
        constraints = [
            models.UniqueConstraint(fields=["film", "critic", "quote"], name="critic_quote_unique"),
        ]

    def __str__(self):
        return f"{self.critic}: “{self.quote[:40]}”"


class ListAppearance(RefusesControlCharacters, HasNaturalKey, models.Model):
    """A place on a ranked or curated list: "#28 of the 100 Greatest Chinese Films"."""

    film = models.ForeignKey(
        "films.Film", on_delete=models.CASCADE, related_name="list_appearances"
    )
    list_name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty if unranked."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = NaturalKeyManager("film__slug", "list_name", "publisher")

    class Meta:
        ordering = ["rank", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "list_name", "publisher"], name="list_appearance_unique"
            ),
        ]

    def __str__(self):
        prefix = f"#{self.rank} of " if self.rank else ""
        return f"{prefix}{self.list_name}, {self.publisher}"
