"""A member's own forms: their profile, and what sign-up asks beyond allauth's fields."""

from functools import partial
from io import BytesIO

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from films.images import open_for_resizing, validate_image_upload
from films.validators import refuse_control_characters

AVATAR_SIZE = 256


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

    def save(self, commit=True):
        """Save the profile; a new avatar replaces the old one, whose file is removed once the
        change is committed (and the new file at once if saving fails)."""
        upload = self.cleaned_data.get("avatar")
        if not (upload and "avatar" in self.changed_data):
            return super().save(commit=commit)
        avatar, previous = self.instance.avatar, self.previous_avatar
        avatar.save(f"{self.instance.username}.png", square_avatar(upload), save=False)
        try:
            with transaction.atomic():
                member = super().save(commit=commit)
        except BaseException:
            avatar.storage.delete(avatar.name)
            raise
        if previous and previous != avatar.name:
            transaction.on_commit(partial(avatar.storage.delete, previous))
        return member


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

    display_name = forms.CharField(
        max_length=80,
        required=False,
        validators=[refuse_control_characters],
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
