from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from films.forms import CatalogueFilterForm
from films.models import CastCredit, CrewCredit, Film, Person
from screenings.models import Screening


class FilmListView(ListView):
    template_name = "films/film_list.html"
    context_object_name = "films"
    paginate_by = 24

    def get_queryset(self):
        self.filter_form = CatalogueFilterForm(self.request.GET or None)
        return self.filter_form.filter(Film.objects.for_cards())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class FilmDetailView(DetailView):
    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        context["crew_by_role"] = group_crew_by_role(film.crew.all())
        context["accolades_by_ceremony"] = group_accolades_by_ceremony(film.accolades.all())
        context["screenings"] = Screening.objects.featuring(film).for_list()
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


def group_accolades_by_ceremony(accolades):
    """[(ceremony, [accolades])] in ceremony order, each group in the order staff set."""
    groups = {}
    for accolade in accolades:
        groups.setdefault(accolade.ceremony, []).append(accolade)
    return list(groups.items())
