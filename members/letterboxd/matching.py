"""Each row's film, found by title and year among every title of the catalogue: the title it
shows, the original title, its romanisation and the alternative titles, compared as the search
compares text (films.search.spellings: case, accents, punctuation and hyphens folded), so that
"Comrades: Almost a Love Story", "comrades almost a love story" and "Tian Mi Mi" find one film.

The same title in the same year is a match; several films so, or a film of that title one year
either side or of no known year (Letterboxd takes its years from TMDb, which may count the
release another way), is ambiguous: the member chooses. Nothing at all: unmatched.
"""

from collections import defaultdict

from films.models import AlternativeTitle, Film
from films.search import spellings
from members.letterboxd.reader import LIST

MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"


def row_key(row):
    """The rows of one film in the export share a key: its name and year."""
    return f"{row['name']}|{row['year'] or ''}"


def title_index():
    """Every spelling of every title -> {(film id, year)}: two queries, whatever the rows."""
    index = defaultdict(set)
    films = Film.objects.values_list(
        "pk", "year", "title", "original_title", "original_title_romanised"
    )
    for pk, year, *titles in films:
        for title in titles:
            for spelling in spellings(title) if title else ():
                index[spelling].add((pk, year))
    others = AlternativeTitle.objects.values_list("film_id", "film__year", "title")
    for pk, year, title in others:
        for spelling in spellings(title):
            index[spelling].add((pk, year))
    return index


def candidates(index, name, year):
    """The films `name` and `year` may be, and whether they are sure (same title, same year)."""
    found = set()
    for spelling in spellings(name):
        found |= index.get(spelling, set())
    exact = sorted(pk for pk, film_year in found if film_year == year)
    if exact:
        return exact, True
    near = sorted(
        pk
        for pk, film_year in found
        if film_year is None or year is None or abs(film_year - year) <= 1
    )
    return near, False


def is_film(row):
    """Whether the row names a film (a list's own row names the list)."""
    return row["kind"] != LIST


def match_rows(rows):
    """Give each film's row its candidate films (`films`) and its `state`."""
    index = title_index()
    found = {}
    for row in filter(is_film, rows):
        key = row_key(row)
        if key not in found:
            found[key] = candidates(index, row["name"], row["year"])
        films, exact = found[key]
        row["films"] = films
        row["state"] = state(films, exact)
    return rows


def state(films, exact):
    if not films:
        return UNMATCHED
    return MATCHED if exact and len(films) == 1 else AMBIGUOUS


def chosen_film(row, choices):
    """The film a row is imported as: its match, or the one the member chose among its
    candidates; None for a row to leave out."""
    if row["state"] == MATCHED:
        return row["films"][0]
    if row["state"] == AMBIGUOUS:
        chosen = choices.get(row_key(row))
        return chosen if chosen in row["films"] else None
    return None
