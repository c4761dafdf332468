"""Choosing a film in a member's form without the whole catalogue in the page (the favourite
four): a drop-down of a few films the member is likely to mean, and, with the site's script, a
box that finds any film (`picked_films`, the JSON `films:find` answers with).

A drop-down of every film made the profile form 40,000 options long on a catalogue of 10,000
films; the field still accepts any film of the catalogue, only its list is short.
"""

from django.db.models import Case, When

from films.models import Film

# How many films the box finds at most, and the drop-down lists before its search.
FOUND = 12
LISTED = 100
# What the box sends is read this far (the search reads eight words at most).
TEXT_READ = 200


def film_label(film):
    """How the picker names a film: its title and year, as two films may share a title."""
    return f"{film.title} ({film.year})" if film.year else film.title


def whole_catalogue(empty_label):
    """The drop-down's choices while the catalogue has at most LISTED films: `empty_label`, then
    every film by title; None past that. One query, and no count of the catalogue."""
    films = list(
        Film.objects.only("pk", "title", "year").order_by("title", "year", "pk")[: LISTED + 1]
    )
    return None if len(films) > LISTED else choices_of(films, empty_label)


def listed_choices(condition, empty_label, chosen=()):
    """The drop-down's choices: `empty_label`, then the films meeting `condition` (a Q) by
    title, at most LISTED, the films of `chosen` (ids) always among them, in one query."""
    first = Case(When(pk__in=list(chosen), then=0), default=1)
    films = Film.objects.filter(condition).only("pk", "title", "year")
    films = sorted(
        films.order_by(first, "title", "year", "pk")[:LISTED],
        key=lambda film: (film.title, film.year or 0, film.pk),
    )
    return choices_of(films, empty_label)


def choices_of(films, empty_label):
    return [("", empty_label), *((film.pk, film_label(film)) for film in films)]


def picked_films(text):
    """[{"id", "label"}] of at most FOUND films the catalogue's search finds by `text`."""
    text = text[:TEXT_READ].strip()
    if len(text) < 2:
        return []
    films = Film.objects.search(text).only("pk", "title", "year")[:FOUND]
    return [{"id": film.pk, "label": film_label(film)} for film in films]
