"""A member's own forms: their profile, and what sign-up asks beyond allauth's fields."""

from functools import partial
from io import BytesIO

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from PIL import Image, ImageOps

from films import picker
from films.formfields import PrintableCharField
from films.images import open_for_resizing, validate_image_upload
from films.models import Film
from members.models import FAVOURITES, FavouriteFilm, ListEntry, WatchlistEntry
from reviews.models import Review

AVATAR_SIZE = 256
FAVOURITES_HELP = (
    "Your favourite four show on your profile, in this order. The lists hold the films you have "
    "logged, listed or mean to watch; type in the box above a list to find any other film."
)


class ProfileForm(forms.ModelForm):
    avatar = forms.ImageField(
        required=False,
        validators=[validate_image_upload],
        help_text=f"A JPEG, PNG, WebP or GIF; it is cropped to a {AVATAR_SIZE} px square.",
    )

    class Meta:
        model = get_user_model()
        fields = ["display_name", "bio", "avatar"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_avatar = self.instance.avatar.name
        chosen = {
            favourite.position: favourite.film_id
            for favourite in FavouriteFilm.objects.filter(member=self.instance)
        }
        choices = favourite_choices(self.instance, [*chosen.values(), *self.posted_films()])
        for place in range(1, FAVOURITES + 1):
            field = self.fields[favourite_field(place)] = forms.ModelChoiceField(
                queryset=Film.objects.all(),  # any film of the catalogue; only the list is short
                required=False,
                label=f"Favourite film {place}",
                initial=chosen.get(place),
                widget=forms.Select(attrs={"data-film-picker": reverse("films:find")}),
                help_text=FAVOURITES_HELP if place == 1 else "",
            )
            field.widget.choices = choices

    def posted_films(self):
        """The films chosen in a form sent back (found by the picker's box, perhaps not in the
        list), so that the form shown again keeps them."""
        places = (self.data.get(favourite_field(p), "") for p in range(1, FAVOURITES + 1))
        return [int(value) for value in places if str(value).isdigit() and len(str(value)) < 19]

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for place in range(1, FAVOURITES + 1):
            film = cleaned.get(favourite_field(place))
            if film is not None and film.pk in seen:
                self.add_error(favourite_field(place), f"“{film.title}” is already a favourite.")
            elif film is not None:
                seen.add(film.pk)
        return cleaned

    def favourite_films(self):
        """The films chosen, in their order, blanks left out."""
        films = (self.cleaned_data.get(favourite_field(p)) for p in range(1, FAVOURITES + 1))
        return [film for film in films if film is not None]

    def save(self, commit=True):
        """Save the profile and the favourite four together; a new avatar replaces the old one,
        whose file is removed once the change is committed (and the new file at once if saving
        fails)."""
        upload = self.cleaned_data.get("avatar")
        new_avatar = bool(upload and "avatar" in self.changed_data)
        avatar, previous = self.instance.avatar, self.previous_avatar
        if new_avatar:
            avatar.save(f"{self.instance.username}.png", square_avatar(upload), save=False)
        try:
            with transaction.atomic():
                member = super().save(commit=commit)
                if commit:
                    save_favourites(member, self.favourite_films())
        except BaseException:
            if new_avatar:
                avatar.storage.delete(avatar.name)
            raise
        if new_avatar and previous and previous != avatar.name:
            transaction.on_commit(partial(avatar.storage.delete, previous))
        return member


def favourite_field(place):
    return f"favourite_{place}"


def favourite_choices(member, chosen):
    """The favourite drop-downs' films (films.picker): the whole catalogue while it is short,
    else the films the member logged, listed or means to watch, and those `chosen`; the
    picker's box finds any other."""
    whole = picker.whole_catalogue("No film")
    if whole is not None:
        return whole
    theirs = (
        Q(pk__in=Review.objects.filter(author=member).values("film_id"))
        | Q(pk__in=ListEntry.objects.filter(member_list__owner=member).values("film_id"))
        | Q(pk__in=WatchlistEntry.objects.filter(member=member).values("film_id"))
        | Q(pk__in=chosen)
    )
    return picker.listed_choices(theirs, "No film", chosen)


def save_favourites(member, films):
    """`films` become the member's favourites, in that order (places 1, 2… with no gap). One
    save each (four at most), not bulk_create: saves send the signals that refresh the profile."""
    FavouriteFilm.objects.filter(member=member).delete()
    for place, film in enumerate(films, start=1):
        FavouriteFilm.objects.create(member=member, film=film, position=place)


def square_avatar(upload, size=AVATAR_SIZE):
    """The upload cropped to its centre square and resized to `size` px, as a PNG."""
    image = open_for_resizing(upload, (size, size))
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA") else "RGB")
    square = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    output = BytesIO()
    square.save(output, format="PNG", optimize=True)
    return ContentFile(output.getvalue())


class SignupExtraForm(forms.Form):
    """allauth's sign-up form inherits these fields (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = PrintableCharField(
        max_length=80,
        required=False,
        help_text="Optional: the name shown beside your handle.",
    )

    def clean_display_name(self):
        display_name = self.cleaned_data["display_name"]
        problem = get_user_model().impersonation(display_name)
        if problem:
            raise forms.ValidationError(problem)
        return display_name

    def signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])
