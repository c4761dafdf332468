"""“Did you mean …?” (films.suggest): what it costs, what it reads, how it writes the words."""

import pytest
from django.db import connection

from films import suggest
from films.models import Film

ON_SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's way")


@pytest.mark.parametrize(
    ("typed", "queries", "suggested"),
    [
        ("Fallen angles", 2, "Fallen Angels"),  # which words are typos, then the suggestion
        ("irma comrades", 1, None),  # every word begins a word: nothing to correct
        ("?!", 0, None),
    ],
)
def test_a_suggestion_costs_at_most_two_queries(
    seeded, django_assert_num_queries, typed, queries, suggested
):
    with django_assert_num_queries(queries):
        assert Film.objects.suggestion(typed) == suggested


@ON_SQLITE
def test_on_sqlite_only_the_first_titles_and_names_are_compared(seeded, monkeypatch):
    first_title = Film.objects.order_by("pk").values_list("title", flat=True)[0]
    assert first_title != "Fallen Angels"
    assert Film.objects.suggestion("Fallen angles") == "Fallen Angels"

    monkeypatch.setattr(suggest, "NAMES_READ", 1)

    assert Film.objects.suggestion("Fallen angles") is None


@pytest.mark.parametrize(
    ("words", "texts", "typed", "written"),
    [
        (["fallen", "angels"], ["Fallen Angels"], "fallen angles", "Fallen Angels"),
        (["comrades", "almost"], ["Comrades: Almost a Love Story"], "", "Comrades Almost"),
        (["wong", "karwai"], ["Wong Kar-wai"], "wong karwia", "Wong Karwai"),
        (["irma", "vep", "1996"], ["Irma Vep"], "IRMA vepp 1996", "Irma Vep 1996"),
        (["cafe", "dont"], ["Le Café", "Don't"], "", "Café Dont"),
        (["zzz"], ["Irma Vep"], "ZZZ", "ZZZ"),
    ],
)
def test_the_words_are_written_as_the_titles_and_names_write_them(words, texts, typed, written):
    assert suggest.as_written(words, texts, typed) == written
