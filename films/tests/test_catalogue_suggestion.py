"""A search of the catalogue that finds nothing suggests what was likely meant, as the site's
search does, written as the catalogue writes it (films.suggest: on PostgreSQL from the film most
like the typos, elsewhere from the titles and names)."""

from urllib.parse import quote

import pytest
from django.urls import reverse

CATALOGUE = reverse("films:list")


def did_you_mean(suggested):
    return f'Did you mean <a href="{CATALOGUE}?q={quote(suggested)}">{suggested}</a>?'


def test_a_misspelt_search_suggests_the_film_and_the_link_finds_it(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vepp"})

    assert "No film matches." in response.text
    assert did_you_mean("Irma Vep") in response.text
    followed = client.get(CATALOGUE, {"q": "Irma Vep"}).context["films"]
    assert [film.slug for film in followed] == ["irma-vep"]


def test_no_suggestion_with_another_filter_the_suggestion_would_ignore(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vepp", "year": "1996"})

    assert "No film matches." in response.text
    assert "Did you mean" not in response.text


def test_a_search_that_finds_films_suggests_nothing(client, seeded):
    response = client.get(CATALOGUE, {"q": "Irma Vep"})

    assert [film.slug for film in response.context["films"]] == ["irma-vep"]
    assert "Did you mean" not in response.text


@pytest.mark.parametrize(
    ("typed", "title", "slug"),
    [
        ("Fallen angles", "Fallen Angels", "fallen-angels"),  # two letters swapped
        ("fallen angls", "Fallen Angels", "fallen-angels"),  # one missing
        ("Irma Veep", "Irma Vep", "irma-vep"),  # one too many
        ("Fallen Anhels", "Fallen Angels", "fallen-angels"),  # one wrong
        ("Fallne Angels", "Fallen Angels", "fallen-angels"),  # in the first word
        ("Brihgt Star", "Bright Star", "bright-star"),
    ],
)
def test_a_one_letter_typo_in_a_title_suggests_the_title(client, seeded, typed, title, slug):
    response = client.get(CATALOGUE, {"q": typed})

    assert "No film matches." in response.text
    assert did_you_mean(title) in response.text
    followed = client.get(CATALOGUE, {"q": title}).context["films"]
    assert slug in [film.slug for film in followed]


def test_the_suggestion_is_written_as_the_catalogue_writes_the_title(client, seeded):
    response = client.get(CATALOGUE, {"q": "comrades almost a love stroy"})

    assert did_you_mean("Comrades: Almost a Love Story") in response.text
    followed = client.get(CATALOGUE, {"q": "Comrades: Almost a Love Story"}).context["films"]
    assert [film.slug for film in followed] == ["comrades-almost-a-love-story"]


@pytest.mark.parametrize(
    "typed", ["Fallen xyzzy", "Fallen zebras", "Comrades almost a love xyzzy", "Qwertyuiop"]
)
def test_a_word_like_no_word_of_the_catalogue_suggests_nothing(client, seeded, typed):
    response = client.get(CATALOGUE, {"q": typed})

    assert "No film matches." in response.text
    assert "Did you mean" not in response.text
