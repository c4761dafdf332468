"""The film page's top panel names the film's next screening (screenings' tag: the catalogue does
not know screenings): when, where and a link, "Tonight" or "Tomorrow" as the screening's page
says; nothing when none is to come, and a screening called off is not next."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from films.models import Film
from screenings.listing import with_programmes
from screenings.models import Screening
from screenings.querysets import LONGEST_PROGRAMME
from screenings.templatetags.screening_tags import (
    FILM_PAGE_SCREENINGS,
    NOT_AMONG,
    next_among,
    screenings_featuring,
)
from screenings.tests.test_event_page import venue_today

SECTION = re.compile(r'<section class="next-screening".*?</section>', re.DOTALL)


def next_screening(response):
    """The panel's next-screening section as (its text, its links), or None."""
    found = SECTION.search(response.text)
    if found is None:
        return None
    html = found.group()
    return " ".join(strip_tags(html).split()), re.findall(r'href="([^"]+)"', html)


@pytest.fixture
def feature(make_film):
    return make_film(title="Comrades", kind=Film.Kind.FEATURE, runtime_minutes=116)


def test_the_next_screening_says_when_and_where_with_links(
    client, make_screening, fort_greene, feature
):
    screening = make_screening(
        films=[feature], venue=fort_greene, date=datetime.date(2030, 7, 12),
        start_time=datetime.time(20, 45),
    )  # fmt: skip

    text, links = next_screening(client.get(feature.get_absolute_url()))

    assert text == (
        "Next screening Friday, July 12, 2030 · film at 8:45 pm at Fort Greene Park, Fort Greene"
    )
    assert links == [screening.get_absolute_url(), fort_greene.get_absolute_url()]


@pytest.mark.parametrize(("days", "word"), [(0, "Tonight"), (1, "Tomorrow")])
def test_the_next_screening_tonight_or_tomorrow(
    before_tonight, client, make_screening, fort_greene, feature, days, word
):
    make_screening(
        films=[feature], venue=fort_greene,
        date=venue_today(fort_greene) + datetime.timedelta(days=days),
        start_time=datetime.time(23, 30),
    )  # fmt: skip

    text, _links = next_screening(client.get(feature.get_absolute_url()))

    assert text.startswith(f"Next screening: {word} ")


def test_the_next_screening_is_the_soonest_to_come(client, make_screening, make_film, feature):
    make_screening(films=[feature], date=datetime.date(2020, 7, 1))
    later = make_screening(films=[feature], date=datetime.date(2031, 8, 1))
    sooner = make_screening(films=[make_film(kind=Film.Kind.SHORT), feature],
                            date=datetime.date(2031, 7, 1))  # fmt: skip
    make_screening(date=datetime.date(2031, 6, 1))  # another film's

    _text, links = next_screening(client.get(feature.get_absolute_url()))

    assert links[0] == sooner.get_absolute_url()
    assert later.get_absolute_url() not in links


def test_a_cancelled_screening_is_not_next(client, make_screening, feature):
    make_screening(
        films=[feature], date=datetime.date(2031, 7, 1),
        status=Screening.Status.CANCELLED, status_reason="The park is closed.",
    )  # fmt: skip
    going_ahead = make_screening(films=[feature], date=datetime.date(2031, 7, 8))

    _text, links = next_screening(client.get(feature.get_absolute_url()))

    assert links[0] == going_ahead.get_absolute_url()


@pytest.mark.parametrize("status", [Screening.Status.CANCELLED, Screening.Status.POSTPONED])
def test_nothing_is_next_when_every_screening_to_come_is_called_off(
    client, make_screening, feature, status
):
    make_screening(films=[feature], date=datetime.date(2020, 7, 1))  # past
    make_screening(
        films=[feature], date=datetime.date(2031, 7, 1), status=status, status_reason="Rain."
    )

    response = client.get(feature.get_absolute_url())

    assert next_screening(response) is None
    assert response.context["screenings"]  # listed further down, as called off


def test_nothing_is_next_without_screenings(client, feature):
    assert next_screening(client.get(feature.get_absolute_url())) is None


def test_a_new_screening_shows_on_the_kept_film_page(client, make_screening, feature):
    client.get(feature.get_absolute_url())  # kept without a next screening

    screening = make_screening(films=[feature], date=datetime.date(2031, 7, 1))

    _text, links = next_screening(client.get(feature.get_absolute_url()))
    assert links[0] == screening.get_absolute_url()


def test_the_soonest_is_next_when_the_page_lists_only_later_ones(client, make_screening, feature):
    """The page lists the film's latest FILM_PAGE_SCREENINGS screenings; with more to come,
    the soonest is not among them and is looked up on its own."""
    first = datetime.date(2031, 7, 1)
    screenings = [
        make_screening(films=[feature], date=first + datetime.timedelta(days=days))
        for days in range(FILM_PAGE_SCREENINGS + 1)
    ]

    response = client.get(feature.get_absolute_url())

    _text, links = next_screening(response)
    assert links[0] == screenings[0].get_absolute_url()
    assert screenings[0] not in response.context["screenings"]


def test_the_next_screening_is_found_among_the_listed_ones_only_when_they_hold_it(
    make_screening, feature
):
    """Fewer than the page lists: all of them are there. A full list of screenings to come: the
    next may be older than the oldest listed. A full list ending in one that began a day ago or
    more: whatever is older has ended."""
    first, now = datetime.date(2031, 7, 1), timezone.now()
    for days in range(FILM_PAGE_SCREENINGS):
        make_screening(films=[feature], date=first + datetime.timedelta(days=days))
    latest = with_programmes(list(screenings_featuring(feature.pk)))  # newest first
    soonest = latest[-1]

    assert next_among(latest[:-1], now) == latest[-2]
    assert next_among(latest, now) is NOT_AMONG
    soonest.starts_at = now - LONGEST_PROGRAMME
    assert next_among(latest, now) == latest[-2]
