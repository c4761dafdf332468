from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from filmclub.pagecache import remembered
from films.models import Country, Film, Language

SELECTED = mark_safe(" selected")


def film_years():
    """Every year a film in the catalogue came out, newest first (a scan of the whole catalogue:
    remembered until the next change)."""
    return list(
        Film.objects.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
    )


class CatalogueFilterForm(forms.Form):
    """The catalogue's search box and filters; invalid values are ignored, never a 500."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)
    country = forms.ModelChoiceField(
        label="Country",
        queryset=Country.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="Any country",
    )
    language = forms.ModelChoiceField(
        label="Language",
        queryset=Language.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="Any language",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Title, Tian Mi Mi, 甜蜜蜜, a name…", "type": "search"}
        )
        years = remembered("films:years", film_years)
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]

    SELECTS = ("year", "country", "language")

    def selects(self):
        """[(bound field, its <option>s as HTML)] for the filter drop-downs.

        The options are written here, escaped by format_html: Django's widget templates, or a
        template loop, cost about a millisecond per hundred options, and a large catalogue has
        hundreds of years and places.
        """
        rows = []
        for name in self.SELECTS:
            bound = self[name]
            current = str(bound.value() or "")
            options = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, SELECTED if str(value) == current else "", label)
                    for value, label in bound.field.choices
                ),
            )
            rows.append((bound, options))
        return rows

    def filter(self, films):
        """Apply every filter whose value is valid; a bad value is shown as a field error."""
        if not self.is_bound:
            return films
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            films = films.search(data["q"])
        if data.get("year"):
            films = films.filter(year=data["year"])
        if data.get("country"):
            films = films.filter(countries=data["country"])
        if data.get("language"):
            films = films.filter(languages=data["language"])
        return films
