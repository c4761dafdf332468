from functools import cached_property, partial

from django.db.models import Prefetch, Value
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.baked import baked
from core.links import site_url
from core.pagecache import cached
from core.paginators import PageNotFoundMixin, RememberedCountPaginator
from core.refusals import NotFound
from core.views import card_response
from films.facts import film_facts
from films.forms import CatalogueFilterForm, PersonSearchForm
from films.models import (
    Accolade,
    AlternativeTitle,
    CastCredit,
    Country,
    CrewCredit,
    CriticQuote,
    Film,
    FilmCompany,
    Language,
    ListAppearance,
    Person,
    ReleaseEvent,
)
from films.picker import picked_films
from films.sharing import CARD_FIELDS, card_version, render_film_card, schema_org_movie


class FilmListView(PageNotFoundMixin, ListView):
    template_name = "films/film_list.html"
    context_object_name = "films"
    paginate_by = 24
    paginator_class = RememberedCountPaginator
    extra_context = {
        "share_description": "Every film in the club’s catalogue, newest first, with its cast and "
        "crew: search it by title or name, or pick a year, a country, a language."
    }

    def get_queryset(self):
        self.filter_form = CatalogueFilterForm(self.request.GET or None, remember=remember)
        return self.filter_form.filter(Film.objects.for_cards())

    def get_paginator(self, queryset, per_page, **kwargs):
        # The count's key is the filters applied: no SQL to compile to find it.
        key = f"films:{self.filter_form.applied!r}"
        return super().get_paginator(
            queryset, per_page, count_key=key, count_tags=["catalogue"], **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["suggestion"] = self.suggestion  # called by the page only when nothing matched
        return context

    def suggestion(self):
        """What a search of the catalogue that found nothing was likely meant as
        (films.suggest), or None; only for a search alone, since the suggestion is
        found in the whole catalogue."""
        if [name for name, _value in self.filter_form.applied] != ["q"]:
            return None
        return Film.objects.suggestion(self.filter_form.cleaned_data["q"])


def remember(name, build):
    """The catalogue's filter options, kept until the catalogue changes, whoever asks first
    (a catalogue search too: the options name nothing the visitor typed)."""
    return cached(name, build, tags=["catalogue"], any_request=True)


def from_facts(model):
    """A FilmPage's rows of `model`: those of its film's facts (films.facts, one query)."""
    return property(lambda page: page._facts[model])


class FilmPage:
    """What a film's page shows below its title, fetched only when that part is built: never
    when its kept copy ({% shared %}) is served. Its members' reviews and its screenings are
    the sections those apps add ({% film_reviews %}, {% film_screenings %}).

    Its credits and small facts are one query for them all (films.facts), its accolades one of
    their own, made into a list once: a film is one row, so prefetching (which works for many)
    only adds its own work to every query."""

    def __init__(self, film):
        self.film = film

    @cached_property
    def _facts(self):
        return film_facts(self.film)

    cast = from_facts(CastCredit)
    crew = from_facts(CrewCredit)
    alternative_titles = from_facts(AlternativeTitle)
    release_events = from_facts(ReleaseEvent)
    quotes = from_facts(CriticQuote)
    list_appearances = from_facts(ListAppearance)

    @cached_property
    def _places_and_languages(self):
        """The film's countries and languages by name, in one query of both."""
        names = {True: [], False: []}
        for name, is_country in places_and_languages(self.film.pk):
            names[bool(is_country)].append(name)
        return {kind: sorted(found) for kind, found in names.items()}

    @property
    def countries(self):
        return self._places_and_languages[True]

    @property
    def languages(self):
        return self._places_and_languages[False]

    @cached_property
    def directors(self):
        """The film's directors, for the top of its page (from the crew, no query of their own)."""
        return [credit.person for credit in self.crew if credit.role == CrewCredit.Role.DIRECTOR]

    @cached_property
    def crew_by_role(self):
        return group_crew_by_role(self.crew)

    @cached_property
    def infobox_credits(self):
        return infobox_credits(self.crew, self.cast, self._facts[FilmCompany])

    @cached_property
    def accolades_by_ceremony(self):
        accolades = list(accolades_of(self.film.pk))
        for accolade in accolades:
            accolade.film = self.film  # not fetched again
        return group_accolades_by_ceremony(accolades)

    def structured_data(self, absolute_url):
        """The film as JSON-LD `Movie`, from the rows this page shows anyway."""
        return schema_org_movie(self.film, self, absolute_url)


@baked
def accolades_of(film_id):
    """The film's accolades with their ceremonies, award bodies and people (select_related()
    with no names would join every foreign key, the film's too)."""
    return Accolade.objects.filter(film_id=film_id).select_related("ceremony__body", "person")


@baked
def film_by_slug(slug):
    return Film.objects.filter(slug=slug)


@baked
def places_and_languages(film_id):
    countries = Country.objects.filter(films=film_id).values_list("name", Value(True))
    languages = Language.objects.filter(films=film_id).values_list("name", Value(False))
    return countries.order_by().union(languages.order_by(), all=True)


class FilmDetailView(DetailView):
    """The film page. Everything below its title is the same for every visitor, so it is a shared
    part of the template."""

    template_name = "films/film_detail.html"
    context_object_name = "film"
    model = Film

    def get_object(self, queryset=None):
        film = next(iter(film_by_slug(self.kwargs["slug"])), None)
        if film is None:
            raise NotFound("There is no film in the club’s catalogue at this address.")
        return film

    def get_context_data(self, **kwargs):
        page = FilmPage(self.object)
        # A callable, so that it is built (from the page's rows) only with the shared part.
        movie = partial(page.structured_data, site_url)
        return super().get_context_data(page=page, structured_data=movie, **kwargs)


@require_safe
def find_films(request):
    """The films the catalogue's search finds by `?q=`, as JSON for the site's film picker
    (films.picker: the favourite four's box)."""
    return JsonResponse({"films": picked_films(request.GET.get("q", ""))})


@require_safe
def film_card(request, slug):
    """The film's share card (PNG), for links to a film that has no poster."""
    film = get_object_or_404(Film.objects.only(*CARD_FIELDS), slug=slug)
    return card_response(request, card_version(film), lambda: render_film_card(film))


class PersonListView(PageNotFoundMixin, ListView):
    """Everyone in the catalogue, by name, with what they are known for; searchable."""

    template_name = "films/person_list.html"
    context_object_name = "people"
    paginate_by = 50
    extra_context = {
        "share_description": "Everyone in the club's catalogue: the actors and crew of its films, "
        "by name."
    }

    def get_queryset(self):
        self.search_form = PersonSearchForm(self.request.GET or None)
        return Person.objects.for_index().search(self.search_form.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_form"] = self.search_form
        return context


class PersonDetailView(DetailView):
    template_name = "films/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.prefetch_related(
            "aliases",
            Prefetch(
                "cast_credits",
                queryset=CastCredit.objects.select_related("film").order_by(
                    "film__year", "film__title"
                ),
            ),
            Prefetch(
                "crew_credits",
                queryset=CrewCredit.objects.select_related("film").order_by(
                    "film__year", "film__title"
                ),
            ),
            "accolades__ceremony__body",
            "accolades__film",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crew_by_role"] = group_crew_by_role(self.object.crew_credits.all())
        return context


def group_crew_by_role(credits):
    """[(role label, [credits])] in the order of CrewCredit.Role, empty roles left out."""
    groups = {role: [] for role in CrewCredit.Role}
    for credit in credits:
        groups[CrewCredit.Role(credit.role)].append(credit)
    return [(role.label, items) for role, items in groups.items() if items]


INFOBOX_ROLES_BEFORE_CAST = [
    CrewCredit.Role.DIRECTOR,
    CrewCredit.Role.PRODUCER,
    CrewCredit.Role.WRITER,
]
INFOBOX_ROLES_AFTER_CAST = [
    CrewCredit.Role.MUSIC,
    CrewCredit.Role.CINEMATOGRAPHY,
    CrewCredit.Role.EDITING,
]
INFOBOX_STARRING = 2


def infobox_credits(crew_credits, cast_credits, company_credits):
    """[(label, [people or companies])] in an encyclopedia infobox's order."""
    crew = {}
    for credit in crew_credits:
        crew.setdefault(credit.role, []).append(credit.person)
    rows = [(role.label, crew[role]) for role in INFOBOX_ROLES_BEFORE_CAST if role in crew]
    starring = [credit.person for credit in cast_credits[:INFOBOX_STARRING]]
    if starring:
        rows.append(("Starring", starring))
    rows += [(role.label, crew[role]) for role in INFOBOX_ROLES_AFTER_CAST if role in crew]
    companies = {}
    for credit in company_credits:
        companies.setdefault(credit.role, []).append(credit.company)
    rows += [(role.label, companies[role]) for role in FilmCompany.Role if role in companies]
    return rows


def group_accolades_by_ceremony(accolades):
    """[(ceremony, [accolades])] in ceremony order, each group in the order staff set."""
    groups = {}
    for accolade in accolades:
        groups.setdefault(accolade.ceremony, []).append(accolade)
    return list(groups.items())
