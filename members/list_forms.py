"""The forms of members' lists: a list's own fields, its films' places and notes, the film
page's "add to a list", and the list page's search for a film to add."""

from django import forms

from core.forms import SearchBoxForm, too_long
from films.formfields import PrintableCharField
from films.models import Film
from members.models import LIST_NOTE_MAX_LENGTH, ListEntry, MemberList


class MemberListForm(forms.ModelForm):
    class Meta:
        model = MemberList
        fields = ["title", "description", "is_ranked", "is_public"]
        labels = {"is_ranked": "Ranked: number the films in order", "is_public": "Public"}
        help_texts = {
            "description": "Plain text: a blank line starts a new paragraph, "
            "and web addresses become links.",
            "is_public": "Anyone may read a public list, and its films' pages name it. "
            "A private list is yours alone.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Give your list a title."},
            "description": {
                "max_length": too_long(
                    "list's description", MemberList._meta.get_field("description").max_length
                )
            },
        }


class ListEntryForm(forms.ModelForm):
    position = forms.IntegerField(
        label="Place", min_value=1, max_value=100_000, widget=forms.NumberInput(attrs={"size": 4})
    )

    class Meta:
        model = ListEntry
        fields = ["position", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "note": {"max_length": f"Keep a note under {LIST_NOTE_MAX_LENGTH:,} characters."}
        }


class BaseListEntryFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove it from the list"


ListEntryFormSet = forms.modelformset_factory(
    ListEntry, form=ListEntryForm, formset=BaseListEntryFormSet, extra=0, can_delete=True
)


class AddToListForm(forms.Form):
    """A film to put on one of the member's own lists (only theirs are choices)."""

    film = forms.ModelChoiceField(
        queryset=Film.objects.all(),
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That film is not in the catalogue."},
    )
    member_list = forms.ModelChoiceField(
        queryset=MemberList.objects.none(),
        label="Your list",
        empty_label=None,
        error_messages={
            "invalid_choice": "Choose one of your lists.",
            "required": "Choose one of your lists.",
        },
    )
    note = PrintableCharField(
        max_length=LIST_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_list"].queryset = MemberList.objects.filter(owner=member).order_by(
            "-updated_at", "-pk"
        )


class FilmToAddForm(SearchBoxForm):
    """The owner's "Add a film" on their list's page: the catalogue's search (Film.objects.search),
    each film found with a button that adds it (AddToListForm)."""

    label = "Find a film"
    placeholder = "A title, a name, a year…"
