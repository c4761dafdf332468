"""“At dusk” is when the film can start: the end of civil twilight, or sunset plus the venue's
own offset; the page, the .ics and the JSON-LD all give that one time."""

import datetime

from django.urls import reverse
from icalendar import Calendar

from screenings.tests.test_views import jsonld


def test_dusk_at_fort_greene_on_30_june_2025_is_9_04_pm(fort_greene):
    assert fort_greene.sunset(datetime.date(2025, 6, 30)).strftime("%H:%M") == "20:31"
    assert fort_greene.dusk(datetime.date(2025, 6, 30)).strftime("%H:%M %Z") == "21:04 EDT"


def test_a_venue_offset_after_sunset_replaces_civil_twilight(make_venue):
    venue = make_venue(dusk_offset=15)

    assert venue.dusk(datetime.date(2025, 6, 30)).strftime("%H:%M") == "20:46"


def test_a_film_at_dusk_starts_at_dusk_on_the_page_ics_and_json_ld(
    client, make_screening, fort_greene
):
    screening = make_screening(
        venue=fort_greene, date=datetime.date(2030, 6, 30), starts_at_dusk=True
    )
    dusk = fort_greene.dusk(datetime.date(2030, 6, 30))

    page = client.get(screening.get_absolute_url())
    ics = Calendar.from_ical(client.get(reverse("screenings:ics", args=[screening.slug])).content)

    assert screening.starts_at == dusk
    assert (
        f"sunset {fort_greene.sunset(dusk.date()):%-I:%M} pm · film when dark, about "
        f"{dusk:%-I:%M} pm · ends about"
    ) in page.text
    assert jsonld(page)["startDate"] == dusk.isoformat()
    [event] = ics.events
    assert event.start == dusk
    assert f"Sunset {fort_greene.sunset(dusk.date()):%-I:%M} pm · film when dark, about" in str(
        event["description"]
    )


def test_changing_the_venue_offset_moves_its_upcoming_films_at_dusk(make_screening, fort_greene):
    screening = make_screening(
        venue=fort_greene, date=datetime.date(2030, 6, 30), starts_at_dusk=True
    )

    fort_greene.dusk_offset = 20
    fort_greene.save()
    screening.refresh_from_db()

    assert screening.starts_at == fort_greene.sunset(screening.date) + datetime.timedelta(
        minutes=20
    )
    assert screening.sequence == 1  # calendars are told the film moved
