import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from films.models import (
    CastCredit,
    CrewCredit,
    Film,
    Person,
    PersonAlias,
)
from films.people import merge_people


def test_film_slug_is_made_from_title_when_blank(db):
    film = Film.objects.create(title="To Become a Lion")

    assert film.slug == "to-become-a-lion"
    assert film.get_absolute_url() == "/films/to-become-a-lion/"


def test_film_negative_or_zero_runtime_is_refused_by_database(make_film):
    film = make_film()
    film.runtime_minutes = 0

    with pytest.raises(IntegrityError), transaction.atomic():
        film.save()


def test_film_zero_runtime_is_a_validation_error(db):
    film = Film(title="Zero", slug="zero", runtime_minutes=0)

    with pytest.raises(ValidationError) as error:
        film.full_clean()

    assert "runtime_minutes" in error.value.message_dict


def test_film_box_office_without_currency_is_refused(make_film):
    film = make_film()
    film.box_office_amount = 1000

    with pytest.raises(ValidationError) as error:
        film.full_clean()

    assert error.value.messages == ["A box office amount needs its currency."]


def test_duplicate_crew_credit_is_refused(make_film, make_person):
    person = make_person()
    film = make_film(director=person)

    with pytest.raises(IntegrityError), transaction.atomic():
        CrewCredit.objects.create(film=film, person=person, role=CrewCredit.Role.DIRECTOR)


def test_same_person_may_hold_two_roles(make_film, make_person):
    person = make_person()
    film = make_film(director=person)

    CrewCredit.objects.create(film=film, person=person, role=CrewCredit.Role.PRODUCER)

    assert sorted(film.crew.values_list("role", flat=True)) == ["director", "producer"]


def test_alias_that_is_another_persons_name_is_refused(make_person):
    peter = make_person(name="Peter Chan")
    other = make_person(name="Peter Ho-sun Chan")

    alias = PersonAlias(person=peter, name="peter ho-sun chan")

    with pytest.raises(ValidationError) as error:
        alias.full_clean()

    assert error.value.message_dict["name"] == [
        f"“peter ho-sun chan” is the name of another person ({other.slug}): merge them."
    ]


def test_search_finds_film_by_every_title_and_every_spelling(make_film, make_person):
    peter = make_person(name="Peter Chan")
    PersonAlias.objects.create(person=peter, name="Peter Ho-sun Chan")
    film = make_film(
        title="Comrades: Almost a Love Story",
        original_title="甜蜜蜜",
        original_title_romanised="Tian Mi Mi",
        director=peter,
    )
    film.alternative_titles.create(title="Comrades, Almost a Love Story")
    make_film(title="Something else")

    for text in ["甜蜜蜜", "tian mi", "Comrades, Almost", "ho-sun", "PETER CHAN"]:
        assert list(Film.objects.search(text)) == [film], text


def test_search_does_not_repeat_a_film_matching_twice(make_film, make_person):
    film = make_film(title="Chan Story", director=make_person(name="Chan One"))
    CastCredit.objects.create(film=film, person=make_person(name="Chan Two"))

    assert list(Film.objects.search("chan")) == [film]


def test_merge_people_moves_credits_and_keeps_spellings(make_film, make_person):
    keep = make_person(name="Kristy Yang")
    duplicate = make_person(name="Kristy Yeung", bio="Best New Performer nominee.")
    PersonAlias.objects.create(person=duplicate, name="Yeung Kristy")
    film = make_film()
    other_film = make_film()
    CastCredit.objects.create(film=film, person=keep, character="Fong Siu-ting")
    CastCredit.objects.create(film=film, person=duplicate, character="Fong Siu-ting")
    CastCredit.objects.create(film=other_film, person=duplicate, character="Someone")

    merge_people(keep=keep, others=[duplicate])

    keep.refresh_from_db()
    assert not Person.objects.filter(name="Kristy Yeung").exists()
    assert sorted(keep.aliases.values_list("name", flat=True)) == ["Kristy Yeung", "Yeung Kristy"]
    assert sorted(keep.cast_credits.values_list("film__title", "character")) == [
        (film.title, "Fong Siu-ting"),
        (other_film.title, "Someone"),
    ]
    assert keep.bio == "Best New Performer nominee."


def test_new_person_named_like_another_persons_spelling_is_refused(make_person):
    peter = make_person(name="Peter Chan")
    PersonAlias.objects.create(person=peter, name="Peter Ho-sun Chan")

    duplicate = Person(name="Peter Ho-sun Chan", slug="peter-ho-sun-chan")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.message_dict["name"] == [
        "“Peter Ho-sun Chan” is already another spelling of Peter Chan: "
        "add the credit to that person instead."
    ]
