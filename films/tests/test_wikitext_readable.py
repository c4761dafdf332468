"""An article's readable text (films.wikitext.readable): the club's copy of the seed film's
article (fixtures/comrades.txt, the text the seeds came from) gives the facts its wikitext
(fixtures/comrades.wiki) gives."""

import datetime
from pathlib import Path

import pytest

from films.models import Accolade
from films.wikitext.facts import NotAFilmArticle
from films.wikitext.parse import NOT_A_FILM
from films.wikitext.readable import read_article

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def readable():
    return read_article((FIXTURES / "comrades.txt").read_text())


@pytest.fixture(scope="module")
def wikitext():
    return read_article((FIXTURES / "comrades.wiki").read_text())


def film_facts(article):
    return {
        "title": article.title,
        "year": article.year,
        "release_date": article.release_date,
        "releases": article.releases,
        "runtime": article.runtime_minutes,
        "countries": article.countries,
        "languages": article.languages,
        "box office": (article.box_office_amount, article.box_office_currency),
        "box office note": article.box_office_note,
        "genre": article.genre,
        "filming locations": article.filming_locations,
        "plot": article.plot,
        "companies": article.companies,
        "crew": [(credit.role, credit.person.name, credit.order) for credit in article.crew],
        "cast": [(cast.billing, cast.person.name, cast.character) for cast in article.cast],
        "accolades": [
            (row.body, row.year, row.order, row.category, row.person and shown(row.person))
            for row in article.accolades
        ],
        "not read": article.unparsed,
    }


def shown(name):
    return name.shown_as or name.name


def test_readable_text_gives_the_wikitext_facts(readable, wikitext):
    """The same facts, but for what the readable text does not carry:
    - no native title (the lead shows "()" where the wikitext has {{zh|t=甜蜜蜜}});
    - no links: an accolade's recipient is the name the table shows ("Kristy Yeung"), not the
      article it links to ("Kristy Yang"); an award's edition (34th, 16th) and its other name
      (Golden Horse Awards) came from the link, so a crew credit named for an award says "the
      Hong Kong Film Awards (1997)" where the wikitext's says "the 16th Hong Kong Film Awards";
    - the cast's other spellings of characters and notes ("cameo, as an English teacher");
    - the accolades' results (the table has no result column).
    The release and the box office, in the wikitext's infobox, are read from the readable text's
    release section."""
    assert film_facts(readable) == film_facts(wikitext)
    assert film_facts(readable)["release_date"] == datetime.date(1996, 11, 2)
    assert len(readable.accolades) == 25


def test_readable_text_lacks_the_native_title_editions_and_results(readable, wikitext):
    assert (readable.original_title, wikitext.original_title) == ("", "甜蜜蜜")
    assert {row.edition for row in readable.accolades} == {None}
    assert {row.result for row in readable.accolades} == {Accolade.Result.UNKNOWN}
    assert [cast.other_names for cast in readable.cast] == [""] * 9


def test_continuation_rows_belong_to_the_award_above(readable):
    critics = [
        (row.category, row.person and row.person.name)
        for row in readable.accolades
        if row.body == "Hong Kong Film Critics Society Award"
    ]

    assert critics == [
        ("Best Film", None),
        ("Best Director", "Peter Chan"),
        ("Best Actress", "Maggie Cheung"),
    ]


def test_readable_infobox_labels_are_read_as_the_wikitext_fields():
    text = (
        "= Fallen Angels =\n\n"
        "- Directed by: Wong Kar-wai\n"
        "- Release date: 6 September 1995\n"
        "- Running time: 96 minutes\n"
        "- Box office: HK$7,476,025\n"
        "- Based on: a short story\n"
    )

    article = read_article(text)

    assert [(credit.role, credit.person.name) for credit in article.crew] == [
        ("director", "Wong Kar-wai")
    ]
    assert (article.release_date, article.runtime_minutes) == (datetime.date(1995, 9, 6), 96)
    assert (article.box_office_amount, article.box_office_currency) == (7476025, "HKD")
    assert article.unparsed == ["Infobox field “Based on”: a short story"]


@pytest.mark.parametrize(
    "text",
    [
        "= Tian Mi Mi =\n\nA song by Teresa Teng.\n",
        "= Teresa Teng =\n\n- Born: 29 January 1953\n",
        "Tian Mi Mi\n- Director: Peter Chan\n",
    ],
    ids=["no-infobox-lines", "not-a-film-infobox", "no-title-heading"],
)
def test_text_in_neither_form_is_not_a_film_article(text):
    with pytest.raises(NotAFilmArticle) as refused:
        read_article(text)

    assert str(refused.value) == NOT_A_FILM
