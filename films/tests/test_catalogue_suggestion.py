"""A search of the catalogue that finds nothing suggests what was likely meant, as the site's
search does (films.search.suggestion: on PostgreSQL only)."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

CATALOGUE = reverse("films:list")
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"
)


@ON_POSTGRESQL
def test_a_misspelt_search_suggests_the_film_and_the_link_finds_it(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vepp"})

    assert "No film matches." in response.text
    link = f'<a href="{CATALOGUE}?q={quote("irma vep")}">irma vep</a>'
    assert f"Did you mean {link}?" in response.text
    followed = client.get(CATALOGUE, {"q": "irma vep"}).context["films"]
    assert [film.slug for film in followed] == ["irma-vep"]


@ON_POSTGRESQL
def test_no_suggestion_with_another_filter_the_suggestion_would_ignore(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vepp", "year": "1996"})

    assert "No film matches." in response.text
    assert "Did you mean" not in response.text


def test_a_search_that_finds_films_suggests_nothing(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vep"})

    assert [film.slug for film in response.context["films"]] == ["irma-vep"]
    assert "Did you mean" not in response.text


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no trigrams")
def test_on_sqlite_nothing_is_suggested(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vepp"})

    assert "No film matches." in response.text
    assert "Did you mean" not in response.text
