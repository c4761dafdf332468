"""How long a programme runs, wherever its length matters (overlap checks, calendar end times,
when a screening has ended), and the copy of it each screening keeps for finding what is on in
SQL (Screening.programme_minutes)."""

from django.db.models import Case, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from core.managers import related
from films.models import Film

# What an unknown runtime counts as, wherever a programme's length matters (overlap checks and
# calendar end times): a short runs at most 40 minutes (the Academy's definition), and a feature
# is taken to run two hours.
UNKNOWN_RUNTIME = {Film.Kind.SHORT: 40, Film.Kind.FEATURE: 120}


def programme_runtime(films):
    """Total minutes of `films`; an unknown runtime counts as UNKNOWN_RUNTIME for its kind."""
    return sum(film.runtime_minutes or UNKNOWN_RUNTIME[Film.Kind(film.kind)] for film in films)


def film_runtime_sql(film):
    """programme_runtime's minutes for one film, in SQL: the film reached by the lookup `film`
    (a ProgrammeItem's "film"), its runtime or UNKNOWN_RUNTIME for its kind."""
    unknown = Case(
        *[
            When(**{f"{film}__kind": kind}, then=Value(minutes))
            for kind, minutes in UNKNOWN_RUNTIME.items()
        ],
        output_field=IntegerField(),
    )
    return Coalesce(f"{film}__runtime_minutes", unknown, output_field=IntegerField())


def programme_minutes_sql(screening_model):
    """programme_runtime of each screening's programme, in SQL: a correlated subquery (0 for an
    empty programme)."""
    minutes = (
        related(screening_model, "items")
        .objects.filter(screening=OuterRef("pk"))
        .order_by()
        .values("screening")
        .annotate(minutes=Sum(film_runtime_sql("film")))
        .values("minutes")
    )
    return Coalesce(Subquery(minutes), 0, output_field=IntegerField())


def keep_programme_minutes(screenings):
    """Write each of `screenings`' programme_minutes from its programme, in one UPDATE: after its
    programme or one of its films' runtime or kind changed (screenings.apps connects this), and
    after programme items were written in bulk, which sends no signal."""
    return screenings.update(programme_minutes=programme_minutes_sql(screenings.model))
