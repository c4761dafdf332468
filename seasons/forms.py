from django import forms
from django.core.exceptions import ValidationError

from films.formfields import PrintableCharField
from films.models import Film
from seasons.models import PITCH_MAX_LENGTH


class SuggestionForm(forms.Form):
    """A catalogue film (by its slug, chosen on the page) or a title and year, and a pitch."""

    film = forms.ModelChoiceField(
        queryset=Film.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )
    title = PrintableCharField(
        max_length=300,
        required=False,
        help_text="Only for a film not in the catalogue.",
    )
    year = forms.IntegerField(min_value=1870, max_value=2100, required=False)
    pitch = PrintableCharField(
        max_length=PITCH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Why the club should see it, in up to {PITCH_MAX_LENGTH} characters.",
    )

    def clean(self):
        data = super().clean()
        if data.get("film"):
            data["title"], data["year"] = "", None
        elif not data.get("title", "").strip() and "title" not in self.errors:
            raise ValidationError(
                "Choose a film from the catalogue above, or give the title of one that is not "
                "in it."
            )
        return data


class BallotForm(forms.Form):
    """A number for each shortlisted film: 1 for the favourite; blank for a film not ranked."""

    def __init__(self, *args, shortlist, ranking=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.shortlist = shortlist
        ranks = {pk: rank for rank, pk in enumerate(ranking, start=1)}
        for suggestion in shortlist:
            self.fields[f"rank_{suggestion.pk}"] = forms.IntegerField(
                label=suggestion.film_title,
                min_value=1,
                max_value=len(shortlist),
                required=False,
                initial=ranks.get(suggestion.pk),
                widget=forms.NumberInput(attrs={"class": "rank-input", "inputmode": "numeric"}),
            )

    def rows(self):
        """(suggestion, its field), for the template."""
        return [(s, self[f"rank_{s.pk}"]) for s in self.shortlist]

    def clean(self):
        data = super().clean()
        ranked = {
            suggestion.pk: data[f"rank_{suggestion.pk}"]
            for suggestion in self.shortlist
            if data.get(f"rank_{suggestion.pk}") is not None
        }
        if not ranked and not self.errors:
            raise ValidationError("Give your favourite film the number 1.")
        numbers = list(ranked.values())
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        if twice:
            raise ValidationError(
                "Give each film its own number (%(numbers)s used twice).",
                params={"numbers": ", ".join(map(str, twice))},
            )
        # Gaps are closed: 1, 3, 4 count as first, second, third.
        data["ranking"] = sorted(ranked, key=ranked.get)
        return data
