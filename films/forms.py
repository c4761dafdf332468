from functools import partial

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.forms import SearchBoxForm
from films.models import Country, Film, Language
from films.search import normalise


def film_years():
    """Every year a film in the catalogue came out, newest first (a scan of the whole catalogue:
    worth remembering, see CatalogueFilterForm)."""
    return list(
        Film.objects.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
    )


def options_html(choices):
    """<option>s for `choices`, none of them selected."""
    return format_html_join("", '<option value="{}">{}</option>', choices)


def mark_selected(options, value):
    """`options` with the option for `value` (the empty option when there is none) selected."""
    opening = format_html('<option value="{}">', "" if value is None else value)
    return mark_safe(options.replace(opening, f"{opening[:-1]} selected>", 1))


def code_choice(model, label, unknown):
    """A drop-down of the `model`s (countries, languages) some film has, by their codes;
    `unknown` says that no film has the code given (%(value)s)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.with_films(),
        required=False,
        to_field_name="code",
        empty_label=f"Any {label.lower()}",
        error_messages={"invalid_choice": unknown},
    )


class CatalogueFilterForm(SearchBoxForm):
    """The catalogue's search box and filters; invalid values are ignored, never a 500."""

    placeholder = "Title, Tian Mi Mi, 甜蜜蜜, a name…"

    year = forms.TypedChoiceField(
        label="Year",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": "There are no films from “%(value)s”: showing every year."
        },
    )
    country = code_choice(Country, "Country", "No film is from “%(value)s”: showing every country.")
    language = code_choice(
        Language, "Language", "No film is in “%(value)s”: showing every language."
    )

    def __init__(self, *args, remember=None, **kwargs):
        """`remember(name, build)`: what `build()` returns, perhaps kept from an earlier request
        (the view's cache); by default built each time."""
        super().__init__(*args, **kwargs)
        self.remember = remember or (lambda name, build: build())
        # A callable: the list is built only when validating or when the options are not remembered.
        self.fields["year"].choices = self.year_choices

    def year_choices(self):
        return [("", "Any year")] + [(y, y) for y in self.remember("films:years", film_years)]

    SELECTS = ("year", "country", "language")

    def selects(self):
        """[(bound field, its <option>s as HTML)] for the filter drop-downs.

        The options are written here, escaped by format_html, once per change to the catalogue
        (remembered, when the view gives `remember`); the current value's option is then
        marked selected. Django's widget templates, or a template loop, cost about a millisecond
        per hundred options, and a large catalogue has hundreds of years and places.
        """
        rows = []
        for name in self.SELECTS:
            bound = self[name]
            build = partial(options_html, bound.field.choices)
            options = self.remember(f"films:options:{name}", build)
            rows.append((bound, mark_selected(options, bound.value())))
        return rows

    def filter(self, films):
        """Apply every filter whose value is valid; a bad value is shown as a field error.

        `applied` is then what was applied: the same for every request that lists the same
        films (the key of their remembered count)."""
        self.applied = ()
        if not self.is_bound:
            return films
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            films = films.search(data["q"])
            self.applied += (("q", normalise(data["q"])),)
        if data.get("year"):
            films = films.filter(year=data["year"])
            self.applied += (("year", data["year"]),)
        if data.get("country"):
            films = films.filter(countries=data["country"])
            self.applied += (("country", data["country"].pk),)
        if data.get("language"):
            films = films.filter(languages=data["language"])
            self.applied += (("language", data["language"].pk),)
        return films


class PersonSearchForm(SearchBoxForm):
    """/people/'s search box: a name, a name in its own script or another spelling."""

    label = "Name"
    placeholder = "A name, or another spelling of it…"
