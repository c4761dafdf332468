from functools import partial
from io import BytesIO

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from films.images import open_for_resizing, validate_image_upload
from films.models import Film
from films.validators import refuse_control_characters
from reviews.models import BODY_MAX_LENGTH, Comment, Review

AVATAR_SIZE = 256
COMMENT_MAX_LENGTH = Comment._meta.get_field("body").max_length


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["film", "title", "body", "rating", "contains_spoilers", "how_i_saw_it"]
        labels = {"body": "Your review", "contains_spoilers": "This review contains spoilers"}
        help_texts = {
            "body": "Markdown: *italics*, **bold**, [a link](https://example.org), "
            "> a quotation, - a list, | a | table |. HTML tags are left out.",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        error_messages = {
            "title": {"required": "Give your review a title."},
            "body": {
                "required": "Write your review before saving it.",
                "max_length": f"Keep your review under {BODY_MAX_LENGTH:,} characters "
                "(it has %(show_value)d).",
            },
            "film": {"required": "Choose the film you are reviewing."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.order_by("title")
        self.fields["film"].empty_label = "Choose a film…"
        self.fields["rating"].choices = [("", "No rating"), *self.fields["rating"].choices[1:]]


class CommentForm(forms.ModelForm):
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That comment can no longer be replied to."},
    )

    class Meta:
        model = Comment
        fields = ["body", "parent"]
        labels = {"body": "Your comment"}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.required = True
        body.error_messages["required"] = "Write something before posting."
        body.error_messages["max_length"] = (
            f"Keep your comment under {COMMENT_MAX_LENGTH:,} characters (it has %(show_value)d)."
        )
        if review is not None:
            self.fields["parent"].queryset = review.comments.filter(
                is_deleted=False, is_hidden=False
            )
        else:
            del self.fields["parent"]


class ModerationForm(forms.Form):
    class Action:
        HIDE = "hide"
        UNHIDE = "unhide"

    action = forms.ChoiceField(choices=[("hide", "Hide"), ("unhide", "Unhide")])
    reason = forms.CharField(
        max_length=300,
        required=False,
        validators=[refuse_control_characters],
        help_text="Shown to the author. Required to hide.",
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.Action.HIDE and not data.get("reason", "").strip():
            self.add_error("reason", "Give a reason for hiding it; the author will see it.")
        return data

    def apply(self, item):
        if self.cleaned_data["action"] == self.Action.HIDE:
            item.hide(self.cleaned_data["reason"].strip())
        else:
            item.unhide()


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
