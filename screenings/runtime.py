"""How long a programme runs, wherever its length matters (overlap checks, calendar end times,
when a screening has ended)."""

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce

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
