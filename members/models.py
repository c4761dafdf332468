"""What members keep beside their logs and reviews: whom they follow, the films they want to see,
their favourite four, and their own lists of films."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from films.validators import RefusesControlCharacters
from reviews.markdown import render_plain_text

# How many favourite films a profile shows ("favourite four").
FAVOURITES = 4
# The longest list a member may make, and the longest note on one of its films.
LIST_MAX_FILMS = 1000
LIST_NOTE_MAX_LENGTH = 1000


class Follow(models.Model):
    """`follower` follows `followed`: the follower's home page leads with what they log."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following_set"
    )
    followed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follower_set"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_once"),
            models.CheckConstraint(
                condition=~Q(follower=F("followed")),
                name="follow_not_oneself",
                violation_error_message="A member cannot follow themself.",
            ),
        ]
        indexes = [models.Index(fields=["followed", "-created_at"], name="follow_followed_idx")]

    def __str__(self):
        return f"{self.follower} follows {self.followed}"


class WatchlistEntry(models.Model):
    """A film a member wants to see."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlist"
    )
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="watchlisted")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "watchlist entry"
        verbose_name_plural = "watchlist entries"
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "film"], name="watchlist_once"),
        ]
        indexes = [models.Index(fields=["film"], name="watchlist_film_idx")]

    def __str__(self):
        return f"{self.member} wants to see {self.film}"


class FavouriteFilm(models.Model):
    """One of a member's favourite four films, in the place they chose (1 to FAVOURITES)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(FAVOURITES)]
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["member", "position"], name="favourite_place_once"),
            models.UniqueConstraint(fields=["member", "film"], name="favourite_film_once"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=FAVOURITES),
                name="favourite_position_range",
                violation_error_message=f"A member has {FAVOURITES} favourite films.",
            ),
        ]

    def __str__(self):
        return f"{self.member}'s favourite #{self.position}: {self.film}"


class MemberListQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, owner__is_active=True)

    def visible_to(self, user):
        """Public lists, and a member's own private ones."""
        if not user.is_authenticated:
            return self.public()
        return self.filter(Q(is_public=True, owner__is_active=True) | Q(owner=user))

    def with_film_counts(self):
        """Each with `film_count`, most recently changed first (annotate() drops Meta.ordering)."""
        return self.annotate(film_count=Count("entries")).order_by("-updated_at", "-pk")


class MemberList(RefusesControlCharacters, models.Model):
    """A member's titled list of films, ranked or not, public or private. The encyclopedia's
    critics' lists (films.ListAppearance) are another thing."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="film_lists"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220)
    description = models.TextField(max_length=5000, blank=True)
    is_ranked = models.BooleanField("ranked", default=False)
    is_public = models.BooleanField("public", default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    films = models.ManyToManyField("films.Film", through="ListEntry", related_name="member_lists")

    objects = MemberListQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "slug"], name="member_list_slug_once"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.title)[:200] or "list"
            taken = set(
                MemberList.objects.filter(owner_id=self.owner_id)
                .exclude(pk=self.pk)
                .values_list("slug", flat=True)
            )
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:list-detail", args=[self.owner.username, self.slug])

    @property
    def description_html(self):
        """The description as a comment is shown: escaped, paragraphs, links (nofollow). Built
        when shown (about 2 ms at the 5,000-character limit), as only the list's own page shows
        it whole; cards and share tags keep the plain text."""
        return mark_safe(render_plain_text(self.description))

    def touch(self):
        """Mark the list changed (it sorts first) without a save: a film added or a note edited
        is the entry's change, which bumps the list's own cache tag, not every page of lists."""
        self.updated_at = timezone.now()
        MemberList.objects.filter(pk=self.pk).update(updated_at=self.updated_at)


class ListEntry(RefusesControlCharacters, models.Model):
    """A film on a member's list, at its place (the rank, where the list is ranked)."""

    member_list = models.ForeignKey(MemberList, on_delete=models.CASCADE, related_name="entries")
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="list_entries")
    position = models.PositiveIntegerField()
    note = models.TextField(max_length=LIST_NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name_plural = "list entries"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member_list", "film"], name="list_film_once"),
        ]
        indexes = [models.Index(fields=["film"], name="list_entry_film_idx")]

    def __str__(self):
        return f"{self.film} on {self.member_list}"


@transaction.atomic
def add_to_list(*, member_list, film, note=""):
    """Put `film` at the end of `member_list`. The list is locked for the count and the next
    place (select_for_update, PostgreSQL), so two additions at once neither pass LIST_MAX_FILMS
    nor take one place; a film already on it is refused (list_film_once)."""
    MemberList.objects.select_for_update().filter(pk=member_list.pk).first()
    entries = member_list.entries.all()
    totals = entries.aggregate(count=Count("pk"), last=Max("position"))
    if entries.filter(film=film).exists():
        raise ValidationError(f"“{film.title}” is already on “{member_list.title}”.")
    if totals["count"] >= LIST_MAX_FILMS:
        raise ValidationError(f"A list holds {LIST_MAX_FILMS:,} films at most.")
    try:
        with transaction.atomic():
            entry = ListEntry.objects.create(
                member_list=member_list, film=film, position=(totals["last"] or 0) + 1, note=note
            )
    except IntegrityError:  # added by another request since the check (SQLite: no row lock)
        raise ValidationError(f"“{film.title}” is already on “{member_list.title}”.") from None
    member_list.touch()
    return entry


def renumber(member_list):
    """Give the list's films the places 1, 2, 3… in their order (ties kept as they were), after
    an edit moved or removed some."""
    entries = list(member_list.entries.order_by("position", "pk"))
    for place, entry in enumerate(entries, start=1):
        entry.position = place
    ListEntry.objects.bulk_update(entries, ["position"], batch_size=500)


# The Letterboxd import's models live beside its code (members/letterboxd/); imported here so
# that Django finds them with the app's.
from members.letterboxd.models import ImportJob, WantedFilm  # noqa: E402, F401
