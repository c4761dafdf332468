"""The film picker's box (films.picker, films:find): any film of the catalogue found by the
catalogue's own search, named with its year."""

from django.urls import reverse

from films import picker


def found(client, text):
    response = client.get(reverse("films:find"), {"q": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["films"]


def test_the_box_finds_films_by_title_with_their_year(client, make_film):
    angels = make_film(title="Fallen Angels", year=1995)
    make_film(title="Chungking Express", year=1994)

    assert found(client, "fallen") == [{"id": angels.pk, "label": "Fallen Angels (1995)"}]


def test_two_films_of_one_title_are_told_apart_by_year(client, make_film):
    make_film(title="Solaris", year=1972)
    make_film(title="Solaris", year=2002)

    assert sorted(film["label"] for film in found(client, "solaris")) == [
        "Solaris (1972)",
        "Solaris (2002)",
    ]


def test_one_letter_finds_nothing_and_at_most_so_many_are_found(client, make_film):
    for number in range(picker.FOUND + 2):
        make_film(title=f"Love Story {number}")

    assert found(client, "l") == []
    assert found(client, "   ") == []
    assert len(found(client, "love")) == picker.FOUND


def test_the_box_reads_a_long_text_no_further_than_its_limit(client, make_film):
    make_film(title="Fallen Angels", year=1995)

    assert len(found(client, "fallen " + "x" * 100_000)) == 0  # "x…" matches nothing
    assert found(client, " " * picker.TEXT_READ + "fallen") == []
    assert len(found(client, " " * (picker.TEXT_READ - 10) + "fallen")) == 1
