"""Simplified and traditional Chinese characters find each other (films.hanzi, folded inside
films.search.normalise): members type either, and the catalogue holds either."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from films import search
from films.models import Film, Person
from films.search import normalise
from films.tests.test_search_rule import COMRADES, films_found, people_found


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("張曼玉", "张曼玉"),
        ("王家衛", "王家卫"),
        ("王家衞", "王家卫"),  # Hong Kong's form of 衛
        ("墮落天使", "堕落天使"),
        ("陳可辛", "陈可辛"),
        ("發", "发"),
        ("髮", "发"),  # two traditional characters, one simplified
        ("甜蜜蜜", "甜蜜蜜"),
    ],
)
def test_traditional_and_simplified_characters_are_compared_alike(traditional, simplified):
    assert normalise(traditional) == normalise(simplified) == simplified


def test_only_chinese_characters_are_folded():
    assert normalise("「甜蜜蜜」 Ｃomrades ｶﾀｶﾅ, 黒澤明") == "甜蜜蜜 comrades カタカナ 黒泽明"


def test_a_folded_text_folds_to_itself():
    # OpenCC takes 薴 to 苧 and 苧 to 苎: all three must compare alike.
    assert normalise("薴") == normalise("苧") == normalise("苎") == "苎"


SEED_QUERIES = [
    ("张曼玉", "maggie-cheung"),
    ("張曼玉", "maggie-cheung"),
    ("黎明", "leon-lai"),
    ("陈可辛", "peter-chan"),
    ("陳可辛", "peter-chan"),
    ("杨恭如", "kristy-yang"),
    ("邓丽君", "teresa-teng"),
]


@pytest.mark.parametrize(("typed", "person"), SEED_QUERIES)
def test_the_seed_film_and_its_people_are_found_in_either_script(seeded, typed, person):
    assert people_found(typed)[0] == person
    assert COMRADES in films_found(typed)


@pytest.mark.parametrize("typed", ["甜蜜蜜", "王家卫", "王家衛", "王家衞"])
def test_a_title_and_a_director_are_found_in_either_script(seeded, typed):
    expected = COMRADES if typed == "甜蜜蜜" else "fallen-angels"

    assert films_found(typed)[0] == expected


def test_a_title_stored_in_either_script_is_found_by_the_other(make_film):
    make_film(title="Fallen Angels", original_title="墮落天使", slug="fallen")
    make_film(title="Let the Bullets Fly", original_title="让子弹飞", slug="bullets")

    assert films_found("堕落天使") == films_found("墮落天使") == ["fallen"]
    assert films_found("讓子彈飛") == films_found("让子弹飞") == ["bullets"]
    assert films_found("天使") == ["fallen"]  # a part of the title, too


def test_a_name_is_romanised_from_its_characters_as_written(make_person):
    # Folded, 乾 would be 干 (gan): the name's own readings are qian and gon.
    make_person(name="Chien Te-men", native_name="乾德門", native_name_lang="zh-Hant", slug="chien")

    for typed in ["qian demen", "gon dak mun", "乾德門", "乾德门"]:
        assert people_found(typed) == ["chien"], typed
    assert people_found("gan de men") == []


def test_the_catalogue_and_people_pages_find_simplified_queries(client, seeded):
    films = client.get(reverse("films:list"), {"q": "张曼玉"}).context["films"]
    people = client.get(reverse("films:people"), {"q": "陈可辛"}).context["people"]

    assert [film.slug for film in films] == [COMRADES, "irma-vep"]
    assert [person.slug for person in people] == ["peter-chan"]


def test_the_migration_rewrites_documents_stored_unfolded(make_film, make_person):
    person = make_person(name="Maggie Cheung", native_name="張曼玉", slug="maggie")
    make_film(title="Comrades", original_title="甜蜜蜜", cast=[person], slug="comrades")
    # As the documents were written before folding (an update sends no signal).
    Person.objects.update(search_text="\n= maggie cheung\n= 張曼玉\n~\n|\n")
    Film.objects.update(search_text="\n= comrades\n= 甜蜜蜜\n~\n@ maggie cheung\n@ 張曼玉\n|\n")
    assert people_found("张曼玉") == films_found("张曼玉") == []

    migration = importlib.import_module("films.migrations.0006_search_text_hanzi")
    migration.write_documents(apps, schema_editor=None)

    assert people_found("张曼玉") == people_found("張曼玉") == ["maggie"]
    assert films_found("张曼玉") == films_found("張曼玉") == ["comrades"]


def test_refresh_all_rewrites_every_row_batch_by_batch(make_film):
    for number in range(5):
        make_film(title=f"Lion {number}")
    Film.objects.update(search_text="")

    search.refresh_all(batch=2)

    assert len(films_found("lion")) == 5
