"""The lists of screenings a page at a time by kept SQL (screenings.listing): the same pages,
the same screenings, as Django's Paginator over the list's queryset gives."""

from datetime import date, timedelta

import pytest
from django.core.paginator import EmptyPage, Paginator
from django.utils import timezone

from core.baked import NOT_BAKEABLE
from screenings import listing
from screenings.attendance import RSVP
from screenings.listing import ScreeningPages
from screenings.models import Screening


@pytest.fixture
def both_lists(make_screening, make_venue, make_user):
    """Six screenings to come (one with no film yet, one with two going) and four past."""
    venue = make_venue()
    for number in range(5):
        make_screening(venue=venue if number % 2 else None)
    no_film_yet = make_screening(films=[])
    for member in (make_user(), make_user()):
        RSVP.objects.create(screening=no_film_yet, user=member)
    for number in range(4):
        make_screening(date=date(2021, 6, 1) + timedelta(days=number))


def as_django_pages(rule, per_page, now):
    return Paginator(getattr(Screening.objects, rule)(now).for_list(), per_page)


def shown(page):
    return [
        (screening.pk, screening.title, screening.venue.name, screening.going_count)
        for screening in page
    ]


@pytest.mark.parametrize("rule", listing.RULES)
@pytest.mark.parametrize("kept_pages", [10, 1])  # every page by kept SQL; only the first
def test_every_page_is_the_one_djangos_paginator_gives(both_lists, rule, kept_pages, monkeypatch):
    monkeypatch.setattr(listing, "KEPT_PAGES", kept_pages)
    now = timezone.now()
    pages, expected = ScreeningPages(rule, 2, now=now), as_django_pages(rule, 2, now)

    assert pages.count == expected.count > 2
    assert pages.num_pages == expected.num_pages
    for number in expected.page_range:
        assert shown(pages.page(number)) == shown(expected.page(number))
    with pytest.raises(EmptyPage):
        pages.page(expected.num_pages + 1)


def test_each_screening_comes_with_its_programme_as_for_list_gives_it(
    both_lists, django_assert_num_queries
):
    now = timezone.now()
    with django_assert_num_queries(3):  # the length, the page, the programmes
        page = list(ScreeningPages("upcoming", 20, now=now).page(1))
        with django_assert_num_queries(0):
            programmes = [[film.title for film in s.programme()] for s in page]
    expected = as_django_pages("upcoming", 20, now).page(1)
    assert programmes == [[film.title for film in s.programme()] for s in expected]
    assert [] in programmes  # the screening with no film yet
    assert sorted(screening.going_count for screening in page) == [0, 0, 0, 0, 0, 2]


def test_an_empty_list_has_one_empty_page(db):
    pages = ScreeningPages("past", 20)

    assert pages.count == 0
    assert list(pages.page(1)) == []


def test_the_list_is_as_it_is_at_its_time(make_screening):
    """The time is filled in on every call: a screening leaves what is on once it has ended."""
    screening = make_screening()
    before = ScreeningPages("upcoming", 20, now=screening.starts_at - timedelta(days=1))
    after = ScreeningPages("upcoming", 20, now=screening.starts_at + timedelta(days=2))
    archive = ScreeningPages("past", 20, now=screening.starts_at + timedelta(days=2))

    assert [s.pk for s in before.page(1)] == [screening.pk]
    assert (after.count, list(after.page(1))) == (0, [])
    assert [s.pk for s in archive.page(1)] == [screening.pk]


def test_orphans_are_refused():
    with pytest.raises(ValueError, match="orphans"):
        ScreeningPages("upcoming", 20, orphans=2)


def test_the_lists_pages_are_these(both_lists, client):
    """The two pages as visitors reach them: every screening once, in the list's order."""
    upcoming = client.get("/screenings/").context["screenings"]
    past = client.get("/screenings/past/").context["screenings"]

    assert [s.pk for s in upcoming] == list(
        Screening.objects.upcoming().values_list("pk", flat=True)
    )
    assert [s.pk for s in past] == list(Screening.objects.past().values_list("pk", flat=True))


def test_the_lists_sql_is_kept(both_lists, monkeypatch):
    """Compiled once (core.baked), not built afresh on every call: the reason for the module."""
    monkeypatch.setattr(listing, "_pages", {})  # as a process that has shown no list yet
    for query in [*listing.LENGTHS.values(), listing.programmes_of]:
        monkeypatch.setattr(query, "_compiled", {})
    for rule in listing.RULES:
        list(ScreeningPages(rule, 2).page(1))

    kept = [listing.LENGTHS["upcoming"], listing.LENGTHS["past"], listing.programmes_of]
    kept += [listing._pages[(rule, 0, 2)] for rule in listing.RULES]
    for query in kept:
        assert query._compiled
        assert NOT_BAKEABLE not in query._compiled.values()
