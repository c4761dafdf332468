"""The catalogue search follows every change to what it searches (films.search)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from films import search
from films.models import CastCredit, CrewCredit, Film, Person, PersonAlias
from films.people import merge_people


def found(text):
    return list(Film.objects.search(text).values_list("title", flat=True))


def test_renaming_a_person_moves_their_films_to_the_new_name(make_film, make_person):
    person = make_person(name="Maggie Cheung")
    make_film(title="Comrades", cast=[person])

    person.name = "Cheung Man-yuk"
    person.save()

    assert found("man-yuk") == ["Comrades"]
    assert found("maggie") == []


def test_native_names_and_later_spellings_are_searched(make_film, make_person):
    person = make_person(name="Leon Lai", native_name="黎明")
    make_film(title="Comrades", cast=[person])
    alias = PersonAlias.objects.create(person=person, name="Lai Ming")

    assert found("黎明") == ["Comrades"]
    assert found("lai ming") == ["Comrades"]

    alias.delete()

    assert found("lai ming") == []


def test_removed_credits_and_titles_no_longer_match(make_film, make_person):
    film = make_film(title="Comrades", director=make_person(name="Peter Chan"))
    other = film.alternative_titles.create(title="Sweet as Honey")
    assert found("honey") == found("peter chan") == ["Comrades"]

    other.delete()
    CrewCredit.objects.filter(film=film).delete()  # a queryset delete sends post_delete too
    film.title = "Tian Mi Mi"
    film.save()

    assert found("honey") == found("peter chan") == found("comrades") == []
    assert found("tian mi mi") == ["Tian Mi Mi"]


def test_a_credit_or_title_moved_to_another_film_leaves_the_first(make_film, make_person):
    first, second = make_film(title="Comrades"), make_film(title="Fallen Angels")
    credit = CastCredit.objects.create(film=first, person=make_person(name="Leon Lai"))
    other = first.alternative_titles.create(title="Sweet as Honey")
    assert found("leon lai") == found("honey") == ["Comrades"]

    credit.film = second
    credit.save()
    other.film = second
    other.save()

    assert found("leon lai") == found("honey") == ["Fallen Angels"]


def test_a_spelling_moved_to_another_person_leaves_the_first(make_film, make_person):
    chiu, other = make_person(name="Chiu Tsang-Hei"), make_person(name="Chiu Jun-Fun")
    make_film(title="Comrades", cast=[chiu])
    make_film(title="Fallen Angels", cast=[other])
    alias = PersonAlias.objects.create(person=chiu, name="Chiu Tsang Hei")
    assert found("tsang hei") == ["Comrades"]

    alias.person = other
    alias.save()

    assert found("tsang hei") == ["Fallen Angels"]


def test_case_is_folded_beyond_ascii(make_film):
    make_film(title="L'Été meurtrier")

    assert found("l'été") == found("L'ÉTÉ") == ["L'Été meurtrier"]


def test_merged_people_are_found_by_both_names(make_film, make_person):
    keep = make_person(name="Kristy Yang")
    duplicate = make_person(name="Kristy Yeung")
    make_film(title="Comrades", cast=[duplicate])

    merge_people(keep=keep, others=[duplicate])

    assert found("kristy yang") == found("kristy yeung") == ["Comrades"]


def test_seeded_catalogue_is_searchable_by_every_kind_of_name(seeded):
    for text in ["tian mi mi", "甜蜜蜜", "maggie cheung", "to become a lion", "david ma"]:
        assert found(text), text


def test_refresh_all_rebuilds_documents_written_in_bulk(make_film, make_person):
    film = make_film(title="Comrades")
    CastCredit.objects.bulk_create(  # bulk_create sends no signal, as the bench generator uses it
        [CastCredit(film=film, person=make_person(name="Eric Tsang"), character="Pao")]
    )
    assert found("eric tsang") == []

    search.refresh_all()

    assert found("eric tsang") == ["Comrades"]


def test_a_person_without_films_changes_no_document(make_person, django_assert_num_queries):
    person = make_person(name="Nobody Yet")

    # the save, then the two credit lookups; no film to rewrite
    with django_assert_num_queries(3):
        person.save()

    assert Person.objects.get(pk=person.pk).name == "Nobody Yet"


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_is_constant(client, make_film, count, django_assert_num_queries):
    for number in range(count):
        make_film(title=f"Lion {number}", director=True)

    # years, count, films, directors, country and language options
    with django_assert_num_queries(6):
        response = client.get(reverse("films:list"), {"q": "lion"})

    assert len(response.context["films"]) == count


def test_reloading_the_seeds_leaves_the_documents_as_they_were(seeded):
    before = dict(Film.objects.values_list("slug", "search_text"))

    call_command("loadseeds", force=True, verbosity=0)

    assert dict(Film.objects.values_list("slug", "search_text")) == before
    assert all(before.values())
