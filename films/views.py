from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from filmclub.paginators import RememberedCountPaginator
from films.forms import CatalogueFilterForm, PersonSearchForm
from films.models import CastCredit, CrewCredit, Film, FilmCompany, Person
from reviews.models import Review
from screenings.models import Screening

# What a film's page lists, newest first: a popular film must not render its whole history.
FILM_PAGE_REVIEWS = 10
FILM_PAGE_SCREENINGS = 10


class FilmListView(ListView):
    template_name = "films/film_list.html"
    context_object_name = "films"
    paginate_by = 24
    paginator_class = RememberedCountPaginator

    def get_queryset(self):
        self.filter_form = CatalogueFilterForm(self.request.GET or None)
        return self.filter_form.filter(Film.objects.for_cards())

    def get_paginator(self, queryset, per_page, **kwargs):
        # The count's key is the filters applied: no SQL to compile to find it.
        key = f"films:{self.filter_form.applied!r}"
        return super().get_paginator(queryset, per_page, count_key=key, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class FilmDetailView(DetailView):
    """The film page. Everything below its title is the same for every visitor, so it is a shared
    fragment of the template; what it shows is fetched only when that part is rendered (lazily),
    never when its cached copy is served."""

    template_name = "films/film_detail.html"
    context_object_name = "film"
    model = Film

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        details = SimpleLazyObject(film.with_details)

        context.update(
            details=details,
            crew_by_role=SimpleLazyObject(lambda: group_crew_by_role(details.crew.all())),
            infobox_credits=SimpleLazyObject(lambda: infobox_credits(details)),
            accolades_by_ceremony=SimpleLazyObject(
                lambda: group_accolades_by_ceremony(details.accolades.all())
            ),
            reviews=SimpleLazyObject(
                lambda: Review.objects.published().latest_cards_of(film, FILM_PAGE_REVIEWS)
            ),
            rating_summary=SimpleLazyObject(
                lambda: Review.objects.published().for_film(film).rating_summary()
            ),
            screenings=SimpleLazyObject(
                lambda: list(Screening.objects.featuring(film).for_list()[:FILM_PAGE_SCREENINGS])
            ),
        )
        return context


class PersonListView(ListView):
    """Everyone in the catalogue, by name, with what they are known for; searchable."""

    template_name = "films/person_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        self.search_form = PersonSearchForm(self.request.GET or None)
        return Person.objects.for_index().search(self.search_form.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_form"] = self.search_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
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


def infobox_credits(film):
    """[(label, [people or companies])] in an encyclopedia infobox's order, from prefetched rows."""
    crew = {}
    for credit in film.crew.all():
        crew.setdefault(credit.role, []).append(credit.person)
    rows = [(role.label, crew[role]) for role in INFOBOX_ROLES_BEFORE_CAST if role in crew]
    starring = [credit.person for credit in film.cast.all()[:INFOBOX_STARRING]]
    if starring:
        rows.append(("Starring", starring))
    rows += [(role.label, crew[role]) for role in INFOBOX_ROLES_AFTER_CAST if role in crew]
    companies = {}
    for credit in film.companies.all():
        companies.setdefault(credit.role, []).append(credit.company)
    rows += [(role.label, companies[role]) for role in FilmCompany.Role if role in companies]
    return rows


def group_accolades_by_ceremony(accolades):
    """[(ceremony, [accolades])] in ceremony order, each group in the order staff set."""
    groups = {}
    for accolade in accolades:
        groups.setdefault(accolade.ceremony, []).append(accolade)
    return list(groups.items())
