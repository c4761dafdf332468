"""The catalogue's pages: every film once, in order, and its last pages read from the list's end
(core.paginators.RememberedCountPaginator), so the database never skips the whole list."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from films.models import Film

PER_PAGE = 24


@pytest.fixture
def catalogue(db):
    """70 films: three pages. Years and titles repeat, so only the primary key orders them all."""
    Film.objects.bulk_create(
        Film(title=f"Film {number % 5}", slug=f"film-{number}", year=1990 + number % 3)
        for number in range(70)
    )
    return list(Film.objects.order_by("-year", "title", "pk").values_list("slug", flat=True))


def page_of(client, number):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("films:list"), {"page": number})
    assert response.status_code == 200
    films = [film.slug for film in response.context["films"]]
    offsets = [int(found) for q in queries for found in re.findall(r"OFFSET (\d+)", q["sql"])]
    return films, offsets


def test_every_page_lists_its_films_in_the_catalogue_order(client, catalogue):
    pages = [page_of(client, number)[0] for number in (1, 2, 3)]

    assert pages == [catalogue[:PER_PAGE], catalogue[PER_PAGE : 2 * PER_PAGE], catalogue[48:]]


def test_the_last_page_skips_nothing(client, catalogue):
    films, offsets = page_of(client, 3)

    assert films == catalogue[48:]
    assert offsets == []  # read from the end: LIMIT alone, no OFFSET 48


def test_a_page_past_the_middle_skips_only_what_follows_it(client, catalogue):
    _films, offsets = page_of(client, 2)

    assert offsets == [22]  # the 22 films after page 2, not the 24 before it
