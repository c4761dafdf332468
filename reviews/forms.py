from django import forms

from films.models import Film
from films.validators import refuse_control_characters
from reviews.models import BODY_MAX_LENGTH, Comment, Review

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
        # This form writes a review: a log with text (the log form may leave both out).
        self.fields["title"].required = self.fields["body"].required = True


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
