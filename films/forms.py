from django import forms

from films.models import Country, Film, Language


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
        years = (
            Film.objects.exclude(year=None)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]

    SELECTS = ("year", "country", "language")

    def selects(self):
        """[(bound field, [(value, label, selected)])] for the filter drop-downs.

        The template writes the <option>s itself: Django's widget templates cost about a
        millisecond per hundred options, and a large catalogue has hundreds of years and places.
        """
        rows = []
        for name in self.SELECTS:
            bound = self[name]
            current = str(bound.value() or "")
            options = [
                (str(value), label, str(value) == current) for value, label in bound.field.choices
            ]
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
