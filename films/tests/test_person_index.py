"""/people/: everyone in the catalogue, by name, with what they are known for; searchable.
(What every index page promises alike: filmclub/tests/test_index_pages.py.)"""

import pytest
from django.urls import reverse

from films.models import CastCredit, CrewCredit, PersonAlias

PEOPLE = reverse("films:people")


def names(response):
    return [person.name for person in response.context["people"]]


def test_people_are_listed_by_name_with_their_roles_and_films(client, make_person, make_film):
    chan = make_person(name="Peter Chan", slug="peter-chan")
    cheung = make_person(name="Maggie Cheung", slug="maggie-cheung")
    make_person(name="Faye Wong", slug="faye-wong")
    comrades = make_film(title="Comrades", year=1996, director=chan, cast=[cheung])
    make_film(title="He's a Woman, She's a Man", year=1994, director=chan)
    CrewCredit.objects.create(film=comrades, person=chan, role=CrewCredit.Role.PRODUCER)

    response = client.get(PEOPLE)

    assert names(response) == ["Faye Wong", "Maggie Cheung", "Peter Chan"]
    text = response.text
    assert "3 people" in text
    assert f'<a href="{chan.get_absolute_url()}">Peter Chan</a>' in text
    assert (
        "Director, Producer · 2 films: "
        f'<a href="{comrades.get_absolute_url()}">Comrades</a> (1996), '
    ) in text
    assert "Acting · 1 film: " in text
    assert "No film credits yet" in text


def test_people_show_their_other_spellings(client, make_person):
    chan = make_person(name="Peter Chan")
    PersonAlias.objects.create(person=chan, name="Peter Ho-sun Chan")

    response = client.get(PEOPLE)

    assert "Also credited as Peter Ho-sun Chan" in response.text


@pytest.mark.parametrize("query", ["chan", "CHAN", "  Peter  ", "ho-sun", "陳可辛"])
def test_people_search_finds_any_spelling_whatever_its_case(client, make_person, query):
    chan = make_person(name="Peter Chan", native_name="陳可辛")
    PersonAlias.objects.create(person=chan, name="Peter Ho-sun Chan")
    make_person(name="Maggie Cheung")

    response = client.get(PEOPLE, {"q": query})

    assert names(response) == ["Peter Chan"]
    assert f"1 person matching “{query.strip()}”" in response.text


def test_people_search_without_a_match_says_so(client, make_person):
    make_person(name="Peter Chan")

    response = client.get(PEOPLE, {"q": "Kubrick"})

    assert names(response) == []
    assert "Nobody in the catalogue goes by that name" in response.text
    assert "0 people matching “Kubrick”" in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_people_search_refuses_bad_text_and_lists_everyone(client, make_person, query, message):
    make_person(name="Peter Chan")

    response = client.get(PEOPLE, {"q": query})

    assert response.status_code == 200
    assert message in response.text
    assert names(response) == ["Peter Chan"]


def test_people_search_with_a_nul_character_is_a_bad_request(client, make_person):
    make_person(name="Peter Chan")

    assert client.get(PEOPLE, {"q": "nul\x00byte"}).status_code == 400


def test_people_search_text_is_shown_as_text(client, make_person):
    make_person(name="Peter Chan")

    response = client.get(PEOPLE, {"q": "<script>alert(1)</script>"})

    assert "0 people matching “&lt;script&gt;alert(1)&lt;/script&gt;”" in response.text
    assert "<script>alert" not in response.text


def test_people_pages_keep_the_search(client, make_person):
    for number in range(51):
        make_person(name=f"Chan {number:02}")
    make_person(name="Cheung")

    first = client.get(PEOPLE, {"q": "chan"})
    second = client.get(PEOPLE, {"q": "chan", "page": 2})

    assert '<a rel="next" href="?q=chan&amp;page=2">' in first.text
    assert names(second) == ["Chan 50"]
    assert "51 people matching “chan”" in second.text


@pytest.mark.parametrize("count", [1, 3])
def test_people_query_count_is_constant(
    client, make_person, make_film, count, django_assert_num_queries
):
    for _ in range(count):
        person = make_person()
        PersonAlias.objects.create(person=person, name=f"Alias of {person.name}")
        film = make_film(director=person, cast=[person])
        CastCredit.objects.create(film=make_film(), person=person)

    # count, people, other spellings, cast credits with films, crew credits with films
    with django_assert_num_queries(5):
        response = client.get(PEOPLE, {"q": "person"})

    assert len(response.context["people"]) == count
    assert film.title in response.text


def test_people_page_is_refreshed_when_someone_is_added(client, make_person):
    make_person(name="Peter Chan")
    client.get(PEOPLE)

    make_person(name="Maggie Cheung")
    response = client.get(PEOPLE)

    assert names(response) == ["Maggie Cheung", "Peter Chan"]


def test_seed_people_include_the_director_and_his_other_spelling(client, seeded):
    response = client.get(PEOPLE, {"q": "Ho-sun"})

    assert names(response) == ["Peter Chan"]
    assert "Director, Producer" in response.text
