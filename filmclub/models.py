from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from films.validators import RefusesControlCharacters

handle_validator = RegexValidator(
    r"^[A-Za-z0-9_-]+\Z",
    "A handle may hold letters, digits, underscores and hyphens only.",
)


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

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_handle_unique_ci"),
        ]

    def __str__(self):
        return self.username

    def get_absolute_url(self):
        return reverse("members:detail", kwargs={"handle": self.username})

    @property
    def public_name(self):
        return self.display_name or self.username


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
