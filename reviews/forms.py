from datetime import timedelta

from django import forms
from django.utils import timezone

from core.forms import too_long
from films.came_out import not_out_yet
from films.formfields import PrintableCharField
from films.models import Film
from reviews.logs import publish_draft, save_new_log
from reviews.models import BODY_MAX_LENGTH, Comment, Review
from reviews.ratings import RATING_CHOICES
from reviews.widgets import HalfStarRating

COMMENT_MAX_LENGTH = Comment._meta.get_field("body").max_length


class LogForm(forms.ModelForm):
    """One form to log a film: when and how it was seen, a half-star rating, a like, and
    optionally a review (a title and text). Without text the log is a line of the diary."""

    class Meta:
        model = Review
        fields = [
            "film",
            "watched_on",
            "is_rewatch",
            "rating",
            "liked",
            "format",
            "how_i_saw_it",
            "tags",
            "title",
            "body",
            "contains_spoilers",
        ]
        labels = {
            "body": "Your review (optional)",
            "title": "Title (optional, with a review)",
            "contains_spoilers": "This review contains spoilers",
            "is_rewatch": "I had seen it before (a rewatch)",
            "liked": "I liked it",
        }
        help_texts = {
            "body": "Leave it empty to log the film without a review. Markdown: *italics*, "
            "**bold**, [a link](https://example.org), > a quotation, - a list, | a | table |. "
            "HTML tags are left out.",
            "title": "Only with a review.",
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "watched_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "rating": HalfStarRating,
        }
        error_messages = {
            "body": {
                "max_length": too_long("review", BODY_MAX_LENGTH),
            },
            "film": {"required": "Choose the film you are logging."},
            "watched_on": {"invalid": "Give the date as year-month-day, e.g. 2024-05-31."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.order_by("title")
        self.fields["film"].empty_label = "Choose a film…"
        self.fields["rating"].choices = [("", "No rating"), *self.fields["rating"].choices[1:]]
        self.fields["format"].choices = [("", "Not saying"), *self.fields["format"].choices[1:]]
        if self.instance.pk is None:
            self.initial.setdefault("watched_on", timezone.localdate())
        # Whether it is a draft as saved: the view publishes it, or not, once the form is valid.
        self.was_draft = self.instance.pk is not None and self.instance.is_draft

    def clean_watched_on(self):
        return refuse_impossible(self.cleaned_data["watched_on"], self.cleaned_data.get("film"))

    def clean(self):
        data = super().clean()
        body_given = "body" in data  # else its own error says what is wrong with it
        if body_given and data.get("title", "").strip() and not data["body"].strip():
            self.add_error("title", "A title goes with a review: write the review too.")
        return data

    def save(self, commit=True):
        """A new log is saved where the member's bare mark of the film is, if they have one
        (logs.save_new_log), and a draft takes the mark in when it is published
        (logs.publish_draft): logging a film marked seen does not log it twice."""
        if commit and self.instance.pk is None:
            return save_new_log(log=super().save(commit=False))
        if commit and self.was_draft and self.instance.is_published:
            return publish_draft(log=super().save(commit=False))
        return super().save(commit)


# The review form is the log form: a review is a log with text.
ReviewForm = LogForm


def refuse_impossible(watched_on, film):
    """A log's date, unless it is after tomorrow (a day's grace for members in other zones) or
    before `film` (if known) came out (films.came_out)."""
    if watched_on and watched_on > timezone.localdate() + timedelta(days=1):
        raise forms.ValidationError("That date has not come yet: when did you see it?")
    came_out = film and not_out_yet(watched_on, film.title, film.year, film.release_date)
    if came_out:
        raise forms.ValidationError(f"{came_out}: when did you see it?")
    return watched_on


class DiaryEntryForm(forms.ModelForm):
    """A diary line edited in place on the member's own diary: its date, rating, rewatch, like."""

    class Meta:
        model = Review
        fields = ["watched_on", "rating", "is_rewatch", "liked"]
        error_messages = LogForm.Meta.error_messages

    def clean_watched_on(self):
        return refuse_impossible(self.cleaned_data["watched_on"], self.instance.film)


class RatingForm(forms.Form):
    """The film page's quick rating: a half-star rating, or none to clear it."""

    rating = forms.TypedChoiceField(
        choices=[("", "No rating"), *RATING_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "A rating is from ½ to 5 stars."},
    )


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
        body.error_messages["max_length"] = too_long("comment", COMMENT_MAX_LENGTH)
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
    reason = PrintableCharField(
        max_length=300,
        required=False,
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
