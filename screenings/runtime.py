"""How long a programme runs, wherever its length matters (overlap checks, calendar end times)."""

from films.models import Film

# What an unknown runtime counts as, wherever a programme's length matters (overlap checks and
# calendar end times): a short runs at most 40 minutes (the Academy's definition), and a feature
# is taken to run two hours.
UNKNOWN_RUNTIME = {Film.Kind.SHORT: 40, Film.Kind.FEATURE: 120}


def programme_runtime(films):
    """Total minutes of `films`; an unknown runtime counts as UNKNOWN_RUNTIME for its kind."""
    return sum(film.runtime_minutes or UNKNOWN_RUNTIME[Film.Kind(film.kind)] for film in films)
