import unicodedata

from django.apps import apps
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Lower, Replace

from core.links import reverse_one
from films.validators import RefusesControlCharacters

handle_validator = RegexValidator(
    r"^[A-Za-z0-9_-]+\Z",
    "A handle may hold letters, digits, underscores and hyphens only.",
)

# Names only the club speaks under, besides the site's own name (Sites framework).
CLUB_NAMES = ("filmclub",)
# Handles that would pass for the club's staff or the site itself: nobody may join under one
# (compared as name_key sees them, so "Ad_min" too; "badminton" is free).
RESERVED_HANDLES = (
    "admin",
    "administrator",
    "staff",
    "moderator",
    "mod",
    "root",
    "support",
    "help",
    "system",
    "webmaster",
    "postmaster",
    "abuse",
    "security",
    "official",
)
# Letters from other scripts that look like Latin ones, folded before names are compared.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("аеорсхуіјѕԁһӏкмнвт", "aeopcxyijsdhlkmhbt", strict=True)),  # Cyrillic
        **dict(zip("αονικτ", "aovikt", strict=True)),  # Greek
        "ɡ": "g",
    }
)


# Latin letters and digits that pass for each other once case is gone ("FiImclub", "fi1mclub",
# "0dessa"): each group folded to one, on names and handles alike (handle_key). The price: "ali"
# and "all" count as alike too, so a member may have to choose a name a little less like
# another member's handle.
ALIKE_IN_LATIN = {"i": "l", "ı": "l", "1": "l", "|": "l", "0": "o"}


def name_key(name):
    """What a name looks like, for telling whether two names pass for each other: compatibility
    forms folded (NFKC: "ﬁ", fullwidth letters), case folded, lookalike letters of other
    scripts made Latin, letters and digits alike in Latin made one (ALIKE_IN_LATIN), and
    everything but letters and digits left out (spaces, punctuation, invisible characters)."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(LOOKALIKES)
    folded = folded.translate(str.maketrans(ALIKE_IN_LATIN))
    return "".join(character for character in folded if character.isalnum())


def handle_key():
    """name_key of the handle, in the database: handles hold only ASCII letters, digits, "_"
    and "-"."""
    key = Lower("username")
    for character, folded in [("-", ""), ("_", ""), *ALIKE_IN_LATIN.items()]:
        if character.isascii():
            key = Replace(key, Value(character), Value(folded))
    return key


class MemberQuerySet(models.QuerySet):
    def public(self):
        """Members who may leave a public trace (a page, a published review, a comment): those who
        have confirmed an email address, and accounts with no email address on record at all,
        which only staff make (the seeds, the club's own). A member who signed up and has not
        confirmed their address stays out of sight until they do."""
        email_addresses = apps.get_model("account", "EmailAddress").objects.filter(
            user=OuterRef("pk")
        )
        return self.filter(Exists(email_addresses.filter(verified=True)) | ~Exists(email_addresses))


class User(RefusesControlCharacters, AbstractUser):
    """A club member. They sign in with their email; `username` is their public handle.

    The handle appears on reviews and comments and in `/members/<handle>/`; the display name is
    the friendlier name shown beside it.
    """

    username = models.CharField(
        "handle",
        max_length=30,
        unique=True,
        validators=[handle_validator],
        help_text="Shown on your reviews and in your profile's address. "
        "Letters, digits, underscores and hyphens; 30 characters at most.",
        error_messages={"unique": "That handle is taken."},
    )
    email = models.EmailField("email address", blank=True)
    display_name = models.CharField(
        max_length=80, blank=True, help_text="The name shown beside your handle."
    )
    bio = models.TextField("short bio", max_length=1000, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)

    objects = UserManager()
    members = MemberQuerySet.as_manager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_handle_unique_ci"),
        ]

    def __str__(self):
        return self.username

    def clean(self):
        super().clean()
        problem = self.impersonation(self.display_name, member=self)
        if problem:
            raise ValidationError({"display_name": problem})

    def get_absolute_url(self):
        return reverse_one("members:detail", "handle", self.username)

    @property
    def public_name(self):
        return self.display_name or self.username

    @classmethod
    def impersonation(cls, display_name, *, member=None):
        """Why `display_name` would pass for someone else, or "": it looks like the club's name
        (or holds it), or like another member's handle (name_key). A name like one's own handle
        is one's own: the club's own account (handle "filmclub") may call itself so."""
        key = name_key(display_name)
        if not key or (member is not None and key == name_key(member.username)):
            return ""  # nothing to pass for, or their own handle (the club's account's too)
        if cls.looks_like_the_club(display_name):
            return "That name is the club's own: choose a name of yours."
        others = cls.objects.annotate(key=handle_key()).filter(key=key)
        if member is not None and member.pk is not None:
            others = others.exclude(pk=member.pk)
        if others.exists():
            return "That name is another member's handle: choose a name of yours."
        return ""

    @staticmethod
    def looks_like_the_club(name):
        """Whether `name` holds the club's name (CLUB_NAMES, the site's name), as name_key sees
        it."""
        key = name_key(name)
        club_names = {name_key(club) for club in (*CLUB_NAMES, Site.objects.get_current().name)}
        return any(club and club in key for club in club_names)

    @staticmethod
    def is_reserved_handle(handle):
        """Whether `handle` is, as name_key sees it, one of RESERVED_HANDLES."""
        return name_key(handle) in {name_key(reserved) for reserved in RESERVED_HANDLES}

    @property
    def is_public(self):
        """MemberQuerySet.public's rule, for one member."""
        return type(self).members.public().filter(pk=self.pk).exists()

    @property
    def name_with_handle(self):
        """Where a name is plain text (feeds, labels): "Odessa (@odessa)", or the handle."""
        if self.display_name:
            return f"{self.display_name} (@{self.username})"
        return self.username


class SeedFile(models.Model):
    """A seed fixture that `loadseeds` has loaded, with the digest of the content it loaded.

    A file is loaded again only when its content changes, so edits staff make in the admin
    survive a restart of the site.
    """

    name = models.CharField(max_length=200, unique=True)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.name
