"""Every catalogue fact of the seed documents, checked on the loaded data."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from films.models import Accolade, CastCredit, CrewCredit, Film, Person, PersonAlias

COMRADES = "comrades-almost-a-love-story"


@pytest.fixture
def comrades(seeded):
    return Film.objects.get(slug=COMRADES)


def crew(film, role):
    return list(
        film.crew.filter(role=role).order_by("order").values_list("person__name", flat=True)
    )


def test_seed_film_infobox_facts(comrades):
    assert comrades.title == "Comrades: Almost a Love Story"
    assert comrades.original_title_romanised == "Tian Mi Mi"
    assert comrades.year == 1996
    assert str(comrades.release_date) == "1996-11-02"
    assert comrades.runtime_minutes == 116
    assert comrades.kind == Film.Kind.FEATURE
    assert list(comrades.countries.values_list("name", flat=True)) == ["Hong Kong"]
    assert list(comrades.languages.values_list("name", flat=True)) == ["Cantonese"]
    assert comrades.box_office_amount == Decimal("15557580")
    assert comrades.box_office_currency == "HKD"
    assert comrades.filming_locations == "Hong Kong and New York City"
    assert list(comrades.alternative_titles.values_list("title", flat=True)) == [
        "Comrades, Almost a Love Story"
    ]


@pytest.mark.parametrize(
    ("role", "names"),
    [
        (CrewCredit.Role.DIRECTOR, ["Peter Chan"]),
        (CrewCredit.Role.PRODUCER, ["Peter Chan"]),
        (CrewCredit.Role.WRITER, ["Ivy Ho"]),
        (CrewCredit.Role.MUSIC, ["Chiu Tsang-Hei"]),
        (CrewCredit.Role.CINEMATOGRAPHY, ["Jingle Ma"]),
        (CrewCredit.Role.EDITING, ["Chan Ki-hop", "Kwong Chi-Leung"]),
        (CrewCredit.Role.ART_DIRECTION, ["Kenneth Yee"]),
        (CrewCredit.Role.COSTUME_MAKEUP, ["Dora Ng"]),
        (CrewCredit.Role.SONGS, ["Teresa Teng"]),
        (CrewCredit.Role.SONG_PERFORMER, ["Leon Lai", "Luhan"]),
    ],
)
def test_seed_crew_by_role(comrades, role, names):
    assert crew(comrades, role) == names


def test_seed_cast_with_characters_in_billing_order(comrades):
    cast = list(comrades.cast.values_list("person__name", "character"))

    assert cast == [
        ("Leon Lai", "Lai Siu-gwan"),
        ("Maggie Cheung", "Lee Kiu"),
        ("Eric Tsang", "Au Yeung-pao"),
        ("Kristy Yang", "Fong Siu-ting"),
        ("Christopher Doyle", "Jeremy"),
        ("Joe Cheung", "Yan"),
        ("Len Berdick", "U.S. Immigration Officer"),
        ("Michelle Gabriel", "Cabbage"),
        ("Irene Tsu", "Rosie"),
    ]


def test_seed_companies(comrades):
    assert sorted(comrades.companies.values_list("role", "company__name")) == [
        ("distributor", "Golden Harvest"),
        ("studio", "Golden Movies International"),
        ("studio", "United Filmakers Organization"),
    ]


@pytest.mark.parametrize(
    ("alias", "name"),
    [("Peter Ho-sun Chan", "Peter Chan"), ("Kristy Yeung", "Kristy Yang")],
)
def test_seed_other_spellings_belong_to_one_person(seeded, alias, name):
    assert PersonAlias.objects.get(name=alias).person.name == name
    assert not Person.objects.filter(name=alias).exists()


def test_seed_accolades_count_by_ceremony(comrades):
    counts = {
        body: comrades.accolades.filter(ceremony__body__name=body).count()
        for body in comrades.accolades.values_list("ceremony__body__name", flat=True).distinct()
    }

    assert counts == {
        "Asia-Pacific Film Festival": 1,
        "Golden Bauhinia Awards": 6,
        "Golden Horse Film Festival and Awards": 3,
        "Hong Kong Film Awards": 11,
        "Hong Kong Film Critics Society Award": 3,
        "Seattle International Film Festival": 1,
    }


def test_seed_accolade_results_only_where_the_prose_says(comrades):
    won = sorted(
        comrades.accolades.filter(result=Accolade.Result.WON).values_list(
            "ceremony__edition", "category"
        )
    )

    assert won == [
        (16, "Best Actress"),
        (16, "Best Director"),
        (16, "Best Film"),
        (34, "Best Feature Film"),
        (34, "Best Leading Actress"),
    ]
    assert comrades.accolades.filter(result=Accolade.Result.NOMINATED).count() == 0
    assert comrades.accolades.filter(result=Accolade.Result.UNKNOWN).count() == 20


def test_seed_accolade_recipient_uses_other_spelling(comrades):
    accolade = comrades.accolades.get(category="Best New Performer")

    assert accolade.person.name == "Kristy Yang"
    assert accolade.ceremony.year == 1997


def test_seed_release_history(comrades):
    events = list(comrades.release_events.values_list("year", "kind", "place"))

    assert events == [
        (1996, "premiere", "Hong Kong"),
        (2012, "restoration", "Hong Kong International Film Festival"),
        (2013, "festival", "70th Venice International Film Festival"),
        (2015, "restriction_lifted", "Mainland China"),
    ]


def test_seed_quotes_and_lists(comrades):
    critics = list(comrades.quotes.values_list("critic", "publication"))
    ranked = {entry.rank: str(entry) for entry in comrades.list_appearances.exclude(rank=None)}

    assert critics == [
        ("Richard James Havis", "Asiaweek"),
        ("Richard James Havis", "Asiaweek"),
        ("Hua Hsu", "The New Yorker"),
        ("Hua Hsu", "The New Yorker"),
        ("Nick Newman", "Sight and Sound"),
        ("Qiao (Maggie Cheung), to Xiaojun", "filmclub’s essay for the Fort Greene Park screening"),
    ]
    assert ranked == {
        11: "#11 of Greatest Chinese Films of all time, Chinese Movie Database",
        16: "#16 of 100 Greatest Chinese-Language Films, Taipei Golden Horse Film Festival",
        28: "#28 of 100 Greatest Chinese Films, Hong Kong Film Awards",
    }
    assert comrades.list_appearances.filter(rank=None).count() == 3


def test_seed_short_film_and_its_director(seeded):
    short = Film.objects.get(slug="to-become-a-lion")

    assert short.kind == Film.Kind.SHORT
    assert short.directors() == [Person.objects.get(name="David Ma")]


def test_seed_cameo_is_noted(comrades):
    doyle = CastCredit.objects.get(film=comrades, person__name="Christopher Doyle")

    assert doyle.note == "cameo, as an English teacher"


def test_seeds_load_twice_without_duplicates(seeded):
    counts = (Film.objects.count(), Person.objects.count(), Accolade.objects.count())

    call_command("loadseeds", "--force", verbosity=0)

    assert (Film.objects.count(), Person.objects.count(), Accolade.objects.count()) == counts


def test_the_essays_quotation_of_qiao_is_shown_with_the_film(client, seeded):
    response = client.get("/films/comrades-almost-a-love-story/")

    assert (
        "<blockquote><p>“I have many friends if I want. If I have time, I would rather make more "
        "money.”</p></blockquote>"
    ) in response.text
    assert (
        "— Qiao (Maggie Cheung), to Xiaojun, <cite>filmclub’s essay for the Fort Greene Park "
        "screening</cite>"
    ) in response.text


def test_an_award_whose_recipient_the_article_does_not_name_says_so(client, seeded):
    response = client.get("/films/comrades-almost-a-love-story/")

    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>(.*?)</td>", response.text)
    unnamed = [category for category, recipient in rows if "not named" in recipient]
    the_film = {category for category, recipient in rows if "the film" in recipient}
    assert unnamed == ["Best Actress"]  # the Asia-Pacific Film Festival's
    assert the_film == {"Best Film", "Best Feature Film", "Golden Space Needle Award: Best Film"}
