"""The film catalogue: films, the people and companies who made them, and what was said of them."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils.text import slugify

from core.links import reverse_one
from core.managers import (
    HasNaturalKey,
    NaturalKeyManager,
    NaturalKeySlugManager,
    RemembersAsRead,
)
from films.images import render_poster, validate_image_upload

# The awards, releases, quotes and lists (films.reception) are models of this app: imported here,
# where Django looks for them.
from films.reception import (  # noqa: F401
    Accolade,
    AwardBody,
    Ceremony,
    CriticQuote,
    ListAppearance,
    ReleaseEvent,
)
from films.search import matching
from films.suggest import suggestion
from films.validators import RefusesControlCharacters

# Twice the CSS size of a catalogue card and of the film page's infobox, for sharp screens.
POSTER_CARD_SIZE = (400, 600)
POSTER_LARGE_SIZE = (600, 900)


class CodeQuerySet(models.QuerySet):
    def with_films(self):
        """Those at least one film has: what the catalogue's filters offer."""
        return self.filter(films__isnull=False).distinct()


class NamedCode(RefusesControlCharacters, HasNaturalKey, models.Model):
    """A standard's code (a subclass declares `code`) and the name the catalogue shows for it:
    found by the code, listed by the name."""

    name = models.CharField(max_length=100)

    objects = NaturalKeyManager.from_queryset(CodeQuerySet)("code")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Country(NamedCode):
    code = models.CharField(
        max_length=2, unique=True, help_text="ISO 3166-1 alpha-2 code, e.g. HK."
    )

    class Meta(NamedCode.Meta):
        verbose_name_plural = "countries"


class Language(NamedCode):
    code = models.CharField(
        max_length=12, unique=True, help_text="BCP 47 tag, e.g. yue or zh-Hant."
    )


class PersonQuerySet(models.QuerySet):
    def search(self, text):
        """People the search finds by `text` (films.search: any of their names, their name in
        its own script and its romanisations, other spellings, the characters they played),
        best first, then by name."""
        return matching(self, text, "name", "pk")

    def for_index(self):
        """By name, each with their other spellings and the credits Person.known_for reads:
        four queries for a page of people, however many credits they have."""
        films = ("film__title", "film__slug", "film__year")
        cast = CastCredit.objects.select_related("film").only("person", *films)
        crew = CrewCredit.objects.select_related("film").only("person", "role", *films)
        return self.prefetch_related(
            "aliases",
            Prefetch("cast_credits", queryset=cast, to_attr="index_cast"),
            Prefetch("crew_credits", queryset=crew, to_attr="index_crew"),
        ).order_by("name", "pk")


@dataclass
class KnownFor:
    roles: list
    films: list


class PersonManager(NaturalKeySlugManager.from_queryset(PersonQuerySet)):
    pass


class Person(RefusesControlCharacters, HasNaturalKey, models.Model):
    name = models.CharField(max_length=200, help_text="The spelling the catalogue shows.")
    slug = models.SlugField(max_length=200, unique=True)
    native_name = models.CharField(
        max_length=200, blank=True, help_text="The name in its own script, if known."
    )
    native_name_lang = models.CharField(
        "language of the native name",
        max_length=12,
        blank=True,
        help_text="BCP 47 tag of the native name, e.g. zh-Hant (names in Chinese characters are "
        "found by their pinyin and jyutping too).",
    )
    bio = models.TextField(blank=True, help_text="What the sources say about this person.")
    romanised_names = models.TextField(
        blank=True,
        editable=False,
        help_text="The native name's romanisations, generated (films.search.romanised), after "
        "the line they were made from.",
    )
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text="Every name and character of the person, for the search (written by "
        "films.search on every change).",
    )

    objects = PersonManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_one("films:person", "slug", self.slug)

    def clean(self):
        alias = PersonAlias.objects.filter(name__iexact=self.name).exclude(person=self.pk).first()
        if alias:
            raise ValidationError(
                {
                    "name": f"“{self.name}” is already another spelling of {alias.person.name}: "
                    "add the credit to that person instead."
                }
            )

    def known_for(self):
        """Their roles (acting first, then the crew's in CrewCredit.Role's order) and their
        films, newest first, from the credits PersonQuerySet.for_index fetched."""
        roles = ["Acting"] if self.index_cast else []
        crew_roles = {credit.role for credit in self.index_crew}
        roles += [role.label for role in CrewCredit.Role if role in crew_roles]
        films = {credit.film_id: credit.film for credit in [*self.index_cast, *self.index_crew]}
        newest_first = sorted(films.values(), key=lambda film: (-(film.year or 0), film.title))
        return KnownFor(roles=roles, films=newest_first)


class PersonAlias(RefusesControlCharacters, HasNaturalKey, models.Model):
    """Another spelling of a person's name, so that one person never becomes two."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="Another spelling or romanisation (Peter Ho-sun Chan for Peter Chan).",
        error_messages={"unique": "This spelling already belongs to a person."},
    )

    objects = NaturalKeyManager("name")

    class Meta:
        ordering = ["name"]
        verbose_name = "other spelling"
        verbose_name_plural = "other spellings"

    def __str__(self):
        return self.name

    def clean(self):
        clash = Person.objects.filter(name__iexact=self.name).exclude(pk=self.person_id).first()
        if clash:
            raise ValidationError(
                {"name": f"“{self.name}” is the name of another person ({clash.slug}): merge them."}
            )


class Company(RefusesControlCharacters, HasNaturalKey, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)

    objects = NaturalKeySlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name


class FilmQuerySet(models.QuerySet):
    def search(self, text):
        """Films the search finds by `text` (films.search: titles, the people credited and
        their characters, year, genre, countries, languages), best first, then newest."""
        return matching(self, text, "-year", "title", "pk")

    def suggestion(self, text):
        """What `text` was likely meant as when it finds no film ("Irma Vepp": "Irma Vep"), as
        the catalogue writes it, or None (films.suggest): a title or a person's name."""
        return suggestion(self, text)

    def for_cards(self):
        """Everything a poster card shows: the film and its directors, in two queries."""
        directors = CrewCredit.objects.filter(role=CrewCredit.Role.DIRECTOR).select_related(
            "person"
        )
        return self.prefetch_related(
            Prefetch("crew", queryset=directors, to_attr="director_credits")
        ).order_by("-year", "title", "pk")


class FilmManager(NaturalKeySlugManager.from_queryset(FilmQuerySet)):
    pass


class Film(RefusesControlCharacters, HasNaturalKey, RemembersAsRead, models.Model):
    class Kind(models.TextChoices):
        FEATURE = "feature"
        SHORT = "short"

    title = models.CharField(max_length=300, help_text="The title the catalogue shows.")
    slug = models.SlugField(max_length=300, unique=True)
    original_title = models.CharField(
        max_length=300, blank=True, help_text="The title in its own script, e.g. 甜蜜蜜."
    )
    original_title_lang = models.CharField(
        "language of the original title",
        max_length=12,
        blank=True,
        help_text="BCP 47 tag of the original title's script, e.g. zh-Hant.",
    )
    original_title_romanised = models.CharField(
        "romanised original title", max_length=300, blank=True, help_text="e.g. Tian Mi Mi."
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.FEATURE)
    genre = models.CharField(max_length=100, blank=True, help_text="e.g. Romantic drama.")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1870)]
    )
    release_date = models.DateField(null=True, blank=True, help_text="First public release.")
    runtime_minutes = models.PositiveSmallIntegerField(
        "runtime (minutes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Whole minutes, at least 1.",
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="films")
    languages = models.ManyToManyField(Language, blank=True, related_name="films")
    synopsis = models.TextField(blank=True, help_text="One or two sentences for cards and feeds.")
    plot = models.TextField(blank=True)
    production_notes = models.TextField(blank=True)
    reception = models.TextField(blank=True, help_text="How the film was received.")
    filming_locations = models.CharField(max_length=300, blank=True)
    box_office_amount = models.DecimalField(
        max_digits=14, decimal_places=0, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    box_office_currency = models.CharField(
        max_length=3, blank=True, help_text="ISO 4217 code, e.g. HKD."
    )
    box_office_note = models.CharField(
        max_length=200, blank=True, help_text="What the figure covers."
    )
    poster = models.ImageField(
        upload_to="posters/",
        blank=True,
        validators=[validate_image_upload],
        help_text="JPEG, PNG, WebP or GIF, up to 10 MB; cropped to 2:3 for the pages.",
    )
    poster_card = models.ImageField(upload_to="posters/card/", blank=True, editable=False)
    poster_large = models.ImageField(upload_to="posters/large/", blank=True, editable=False)
    poster_rendered_from = models.CharField(max_length=300, blank=True, editable=False)
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text="Every title, credited name and character, year, genre, country and language, "
        "for the search (written by films.search on every change).",
    )

    objects = FilmManager()
    # What a programme's length reads of a film (screenings.runtime.keep_programme_minutes).
    remembered = ("runtime_minutes", "kind")

    class Meta:
        ordering = ["title"]
        indexes = [
            # The catalogue and the home page list films newest first (FilmQuerySet.for_cards).
            models.Index(fields=["-year", "title"], name="film_year_title_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(runtime_minutes__isnull=True) | Q(runtime_minutes__gt=0),
                name="film_runtime_positive",
                violation_error_message="A runtime must be at least one minute.",
            ),
            models.CheckConstraint(
                condition=Q(box_office_amount__isnull=True) | ~Q(box_office_currency=""),
                name="film_box_office_has_currency",
                violation_error_message="A box office amount needs its currency.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:300]
        if (self.poster.name or "") == self.poster_rendered_from:
            super().save(*args, **kwargs)
        else:
            with transaction.atomic():
                super().save(*args, **kwargs)
                self.render_poster_sizes()
        self.remember_as_read()

    def get_absolute_url(self):
        return reverse_one("films:detail", "slug", self.slug)

    def render_poster_sizes(self):
        """Make the card and page sizes of the poster (or clear them when it was removed).

        The new sizes are written before anything is removed, and the files they replace (the
        previous original included) are removed only once the change is committed: a failure
        leaves the film as it was, and no file behind."""
        storage = self.poster.storage
        poster = self.poster.name or ""
        replaced = {self.poster_card.name, self.poster_large.name, self.poster_rendered_from}
        written = [] if poster == self.poster_rendered_from else [poster]  # a new upload
        try:
            for name, (width, height) in (
                ("poster_card", POSTER_CARD_SIZE),
                ("poster_large", POSTER_LARGE_SIZE),
            ):
                field = getattr(self, name)
                if poster:
                    filename = f"{self.slug}-{width}x{height}.jpg"
                    image = render_poster(self.poster, width=width, height=height, name=filename)
                    field.save(filename, image, save=False)
                    written.append(field.name)
                else:
                    setattr(self, name, "")
            self.poster_rendered_from = poster
            super().save(update_fields=["poster_card", "poster_large", "poster_rendered_from"])
        except BaseException:
            for name in filter(None, written):
                storage.delete(name)
            raise
        gone = replaced - {"", poster, self.poster_card.name, self.poster_large.name}
        transaction.on_commit(lambda: [storage.delete(name) for name in sorted(gone)])

    def card_facts(self):
        """Year, kind (when short) and directors, for the one line under a poster card."""
        facts = [str(self.year)] if self.year else []
        if self.kind == self.Kind.SHORT:
            facts.append("Short")
        directors = ", ".join(person.name for person in self.directors())
        if directors:
            facts.append(directors)
        return facts

    def directors(self):
        credits = getattr(self, "director_credits", None)
        if credits is None:
            credits = self.crew.filter(role=CrewCredit.Role.DIRECTOR).select_related("person")
        return [credit.person for credit in credits]


class AlternativeTitle(RefusesControlCharacters, HasNaturalKey, models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="alternative_titles")
    title = models.CharField(max_length=300)
    note = models.CharField(max_length=200, blank=True, help_text="Where this title is used.")

    objects = NaturalKeyManager("film__slug", "title")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["film", "title"], name="alternative_title_unique"),
        ]

    def __str__(self):
        return self.title


class CastCredit(RefusesControlCharacters, HasNaturalKey, models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="cast")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cast_credits")
    character = models.CharField(max_length=200, blank=True, help_text="As the credits spell it.")
    character_other_names = models.CharField(
        max_length=300, blank=True, help_text="Other spellings of the character, e.g. Li Xiao-Jun."
    )
    billing = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)], help_text="1 is top billing."
    )
    note = models.CharField(max_length=200, blank=True, help_text="e.g. cameo.")

    objects = NaturalKeyManager("film__slug", "person__slug", "character")

    class Meta:
        ordering = ["billing", "pk"]
        verbose_name = "cast member"
        verbose_name_plural = "cast"
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "character"],
                name="cast_credit_unique",
                violation_error_message="This person already plays this character in this film.",
            ),
        ]

    def __str__(self):
        return f"{self.person} as {self.character}" if self.character else str(self.person)


class CrewCredit(RefusesControlCharacters, HasNaturalKey, models.Model):
    class Role(models.TextChoices):
        DIRECTOR = "director"
        PRODUCER = "producer"
        WRITER = "writer"
        MUSIC = "music"
        CINEMATOGRAPHY = "cinematography"
        EDITING = "editing"
        ART_DIRECTION = "art_direction", "Art direction"
        COSTUME_MAKEUP = "costume_makeup", "Costume and make-up"
        SONGS = "songs"
        SONG_PERFORMER = "song_performer", "Song performer"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="crew")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="crew_credits")
    role = models.CharField(max_length=20, choices=Role)
    note = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=1, help_text="Order within the role.")

    objects = NaturalKeyManager("film__slug", "person__slug", "role")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "crew credit"
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role"],
                name="crew_credit_unique",
                violation_error_message="This person already has this role on this film.",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"


class FilmCompany(RefusesControlCharacters, HasNaturalKey, models.Model):
    class Role(models.TextChoices):
        STUDIO = "studio"
        DISTRIBUTOR = "distributor"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="companies")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="film_credits")
    role = models.CharField(max_length=20, choices=Role)

    objects = NaturalKeyManager("film__slug", "company__slug", "role")

    class Meta:
        ordering = ["role", "company__name"]
        verbose_name = "company credit"
        constraints = [
            models.UniqueConstraint(
                fields=["film", "company", "role"],
                name="film_company_unique",
                violation_error_message="This company already has this part in this film.",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.company}"
