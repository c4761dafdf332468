"""/venues/: every venue, with what is on at each. (What every index page promises alike:
filmclub/tests/test_index_pages.py.)"""

import datetime

import pytest
from django.urls import reverse

from films.models import Film
from screenings.models import Screening

VENUES = reverse("screenings:venues")


def test_venues_are_listed_by_name_with_what_is_on_soonest_first(
    client, make_venue, make_screening, make_film
):
    park = make_venue(name="Fort Greene Park", neighbourhood="Fort Greene")
    make_venue(name="Brooklyn Bridge Park")
    later = make_screening(venue=park, date=datetime.date(2030, 8, 2))
    sooner = make_screening(venue=park, date=datetime.date(2030, 7, 5))
    make_screening(venue=park, date=datetime.date(2020, 7, 5))  # past: not on

    response = client.get(VENUES)

    venues = response.context["venues"]
    assert [venue.name for venue in venues] == ["Brooklyn Bridge Park", "Fort Greene Park"]
    assert venues[1].next_screenings == [sooner, later]
    text = response.text
    assert f'<a href="{park.get_absolute_url()}">Fort Greene Park</a>' in text
    assert "Fort Greene, Brooklyn, New York · outdoors · 2 screenings coming up" in text
    assert f'<a href="{sooner.get_absolute_url()}">{sooner.title}</a>: ' in text
    assert "Friday, July 5, 2030" in text
    assert "Brooklyn, New York · outdoors</p>" in text
    assert "Nothing is scheduled here right now." in text


def test_venues_show_the_first_three_of_what_the_venue_page_lists(
    client, make_venue, make_screening
):
    park = make_venue()
    for day in range(5):
        make_screening(venue=park, date=datetime.date(2030, 7, 1 + day))

    index = client.get(VENUES)
    page = client.get(park.get_absolute_url())

    assert index.context["venues"][0].next_screenings == list(page.context["upcoming"])[:3]
    assert "5 screenings coming up" in index.text
    assert f'<a href="{park.get_absolute_url()}">All 5 coming up at {park.name}</a>' in index.text


def test_venues_say_when_a_screening_is_called_off(client, make_venue, make_screening):
    park = make_venue()
    make_screening(
        venue=park, status=Screening.Status.CANCELLED, status_reason="Storm warning for the park."
    )

    response = client.get(VENUES)

    assert '<li class="is-cancelled">' in response.text
    assert "<strong>Cancelled</strong>. Storm warning for the park." in response.text


@pytest.mark.parametrize("venues", [1, 3])
@pytest.mark.parametrize("screenings", [1, 3])
def test_venues_query_count_is_constant(
    client, make_venue, make_screening, make_film, venues, screenings, django_assert_num_queries
):
    for _ in range(venues):
        venue = make_venue()
        for _ in range(screenings):
            make_screening(venue=venue, films=[make_film(kind=Film.Kind.FEATURE)])

    # count, venues (with their upcoming count), their next screenings, the programmes
    with django_assert_num_queries(4):
        response = client.get(VENUES)

    assert [len(venue.next_screenings) for venue in response.context["venues"]] == (
        [screenings] * venues
    )


def test_seed_venue_has_nothing_coming_up_after_its_summer_screening(client, seeded):
    response = client.get(VENUES)

    assert [venue.name for venue in response.context["venues"]] == ["Fort Greene Park"]
    assert "Nothing is scheduled here right now." in response.text
