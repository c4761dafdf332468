"""Importing a film from its article (films.wikitext): the seed film's article, written for these
tests from the facts of the seed article (fixtures/comrades.wiki), gives back the seed film's
credits, characters, companies and accolades; a second film's (fixtures/fallen_angels.wiki)
completes the film the catalogue already has without losing what staff wrote."""

from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command

from films.models import (
    AwardBody,
    CastCredit,
    Company,
    Country,
    CrewCredit,
    Film,
    Language,
    Person,
    PersonAlias,
)
from films.wikitext.apply import apply_plan
from films.wikitext.match import CONFLICT, SAME, match
from films.wikitext.parse import parse

FIXTURES = Path(__file__).parent / "fixtures"
COMRADES = "comrades-almost-a-love-story"


def article(name):
    return parse((FIXTURES / name).read_text())


def import_article(name, *, untick=(), tick=(), choices=None):
    """Import as staff do who confirm the preview as offered, but for `untick`/`tick`."""
    plan = match(article(name))
    accepted = {fact.key for fact in plan.facts if fact.ticked} - set(untick) | set(tick)
    if plan.film is None:
        accepted.add("field-title")
    return apply_plan(plan, accepted=accepted, choices=choices or {})


def catalogue_facts(film):
    """The film's credits, characters, companies and accolades, as comparable rows."""
    return {
        "crew": sorted(
            film.crew.values_list("role", "person__name", "order", "note"),
        ),
        "cast": sorted(
            film.cast.values_list(
                "billing", "person__name", "character", "character_other_names", "note"
            )
        ),
        "companies": sorted(film.companies.values_list("role", "company__name")),
        "accolades": sorted(
            film.accolades.values_list(
                "ceremony__body__name",
                "ceremony__year",
                "ceremony__edition",
                "order",
                "category",
                "person__name",
                "result",
            ),
            key=str,
        ),
        "other spellings": sorted(
            PersonAlias.objects.filter(person__in=people(film)).values_list("person__name", "name")
        ),
        "award bodies' other names": sorted(
            (ceremony_body.name, ceremony_body.other_names)
            for ceremony_body in {accolade.ceremony.body for accolade in film.accolades.all()}
        ),
        "film": {
            field: str(getattr(film, field))
            for field in (
                "title original_title original_title_lang original_title_romanised genre year "
                "release_date runtime_minutes box_office_amount box_office_currency "
                "box_office_note filming_locations plot"
            ).split()
        },
        "countries": list(film.countries.values_list("code", flat=True)),
        "languages": list(film.languages.values_list("code", flat=True)),
    }


def people(film):
    return Person.objects.filter(cast_credits__film=film) | Person.objects.filter(
        crew_credits__film=film
    )


# What the seed catalogue holds that no article can carry: staff added it from other sources.
# The seed's songs and song performers come from the article's prose (Production and Release
# sections), which the importer does not read as credits.
EXPECTED_ONLY_IN_SEED_CREW = [
    ("song_performer", "Leon Lai", 1, "sings the title song over the end credits"),
    (
        "song_performer",
        "Luhan",
        2,
        "a new recording of “Tian Mi Mi” for the 2015 Mainland Chinese release",
    ),
    (
        "songs",
        "Teresa Teng",
        1,
        "her songs, “Tian Mi Mi” among them, are featured throughout the film",
    ),
]
# "Peter Ho-sun Chan" is the club's essay's spelling (seeds/ README), not the article's.
EXPECTED_ONLY_IN_SEED_SPELLINGS = [("Peter Chan", "Peter Ho-sun Chan")]
# The Hong Kong Film Awards' other name comes from the article's lead ("voted … by the Hong Kong
# Film Awards Association"), prose the importer does not read.
EXPECTED_SEED_BODY_NAMES = {"Hong Kong Film Awards": "Hong Kong Film Awards Association"}


@pytest.fixture
def reference_data(db):
    """What an empty catalogue still has: the countries and languages staff keep (the importer
    matches them by name and never invents an ISO code)."""
    Country.objects.create(code="HK", name="Hong Kong")
    Language.objects.create(code="yue", name="Cantonese")


def seed_catalogue_facts():
    call_command("loaddata", "010_catalogue", verbosity=0)
    return catalogue_facts(Film.objects.get(slug=COMRADES))


def test_seed_article_into_an_empty_catalogue_reproduces_the_seed_film(reference_data):
    imported = catalogue_facts(import_article("comrades.wiki"))
    Film.objects.all().delete()
    for model in (Person, Company, AwardBody):
        model.objects.all().delete()
    seed = seed_catalogue_facts()

    seed["crew"] = [row for row in seed["crew"] if row not in EXPECTED_ONLY_IN_SEED_CREW]
    seed["other spellings"] = [
        row for row in seed["other spellings"] if row not in EXPECTED_ONLY_IN_SEED_SPELLINGS
    ]
    seed["award bodies' other names"] = [
        (name, "" if EXPECTED_SEED_BODY_NAMES.get(name) == other else other)
        for name, other in seed["award bodies' other names"]
    ]
    for section in seed:
        assert imported[section] == seed[section], section
    counts = [len(imported[section]) for section in ("crew", "cast", "companies", "accolades")]
    assert counts == [9, 9, 3, 25]


def test_seed_article_imported_twice_changes_nothing_the_second_time(reference_data):
    import_article("comrades.wiki")
    before = serializers.serialize("json", every_catalogue_row())

    plan = match(article("comrades.wiki"))
    import_article("comrades.wiki")

    assert {fact.status for fact in plan.facts} == {SAME}
    assert serializers.serialize("json", every_catalogue_row()) == before


def every_catalogue_row():
    from django.apps import apps

    models = apps.get_app_config("films").get_models()
    return [row for model in models for row in model.objects.order_by("pk")]


def test_seed_article_over_the_seeded_catalogue_finds_everything_there(seeded):
    plan = match(article("comrades.wiki"))

    assert plan.film == Film.objects.get(slug=COMRADES)
    assert [fact.key for fact in plan.facts if fact.status != SAME] == []
    kristy = next(person for person in plan.people if person.name == "Kristy Yang")
    assert [person.slug for person in kristy.candidates] == ["kristy-yang"]


def test_second_film_completes_the_film_staff_already_have(seeded):
    film = Film.objects.get(slug="fallen-angels")
    film.synopsis = "What staff wrote."
    film.save()
    people_before = Person.objects.count()

    import_article("fallen_angels.wiki")

    film.refresh_from_db()
    assert film.synopsis == "What staff wrote."
    assert film.runtime_minutes == 96
    assert film.original_title == "墮落天使"
    leon = film.cast.get(person__slug="leon-lai")
    assert (leon.character, leon.note, film.cast.count()) == ("Wong Chi-ming", "the killer", 5)
    assert list(film.crew.filter(role="director").values_list("person__slug", flat=True)) == [
        "wong-kar-wai"
    ]
    assert film.crew.get(role="cinematography").person.slug == "christopher-doyle"
    # New: Jeffrey Lau, Frankie Chan, Roel A. García, William Chang, Wong Ming-lam, and four of
    # the cast (Leon Lai, Wong Kar-wai and Christopher Doyle were there).
    assert Person.objects.count() == people_before + 9
    assert PersonAlias.objects.get(name="William Chang Suk-ping").person.name == "William Chang"
    assert sorted(film.languages.values_list("code", flat=True)) == ["yue"]


def test_a_conflict_is_written_only_when_ticked(seeded):
    film = Film.objects.get(slug="fallen-angels")
    film.runtime_minutes = 100
    film.save()

    plan = match(article("fallen_angels.wiki"))
    runtime = next(fact for fact in plan.facts if fact.key == "field-runtime_minutes")
    import_article("fallen_angels.wiki")
    film.refresh_from_db()
    kept = film.runtime_minutes
    import_article("fallen_angels.wiki", tick=["field-runtime_minutes"])
    film.refresh_from_db()

    assert (runtime.status, runtime.current, runtime.ticked) == (CONFLICT, "100", False)
    assert (kept, film.runtime_minutes) == (100, 96)


def test_an_unticked_fact_is_not_written(reference_data):
    film = import_article("comrades.wiki", untick=["field-runtime_minutes", "cast-8"])

    assert film.runtime_minutes is None
    assert not film.cast.filter(person__name="Irene Tsu").exists()
    assert not Person.objects.filter(name="Irene Tsu").exists()


def test_an_ambiguous_name_goes_to_the_person_staff_choose(seeded, make_person):
    other = make_person(name="Eric Tsang", slug="eric-tsang-the-other")

    plan = match(article("comrades.wiki"))
    eric = next(person for person in plan.people if person.name == "Eric Tsang")
    Film.objects.get(slug=COMRADES).cast.filter(person__slug="eric-tsang").delete()
    import_article("comrades.wiki", choices={eric.key: str(other.pk)})

    assert (eric.default, len(eric.candidates)) == ("", 2)
    assert CastCredit.objects.get(film__slug=COMRADES, character="Au Yeung-pao").person == other


def test_other_spellings_find_the_person(seeded):
    """Peter Ho-sun Chan is another spelling of Peter Chan; 黎明 is Leon Lai's own name."""
    text = (FIXTURES / "comrades.wiki").read_text()
    text = text.replace("[[Peter Chan]]", "Peter Ho-sun Chan").replace("[[Leon Lai]]", "黎明")

    plan = match(parse(text))

    found = {person.name: [p.slug for p in person.candidates] for person in plan.people}
    assert found["Peter Ho-sun Chan"] == ["peter-chan"]
    assert found["黎明"] == ["leon-lai"]


def test_crew_credits_come_in_the_infobox_order(reference_data):
    film = import_article("comrades.wiki")

    assert list(
        film.crew.filter(role=CrewCredit.Role.EDITING).values_list("person__name", flat=True)
    ) == ["Chan Ki-hop", "Kwong Chi-Leung"]
