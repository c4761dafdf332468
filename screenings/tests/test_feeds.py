import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from films.models import Film
from screenings.models import Screening
from screenings.rsvps import take_rsvp

NEW_YORK = ZoneInfo("America/New_York")


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def programme(make_film, make_person):
    return [
        make_film(title="To Become a Lion", kind=Film.Kind.SHORT, runtime_minutes=14, year=None),
        make_film(
            title="Comrades: Almost a Love Story",
            kind=Film.Kind.FEATURE,
            runtime_minutes=116,
            year=1996,
        ),
    ]


def test_screening_ics_describes_the_event(client, make_screening, fort_greene, programme, origin):
    screening = make_screening(
        venue=fort_greene,
        films=programme,
        date=datetime.date(2030, 6, 30),
        starts_at_dusk=True,
        doors_time=datetime.time(19, 30),
    )

    response = client.get(reverse("screenings:ics", args=[screening.slug]))
    calendar = parse(response)

    assert response["Content-Disposition"] == f'attachment; filename="{screening.slug}.ics"'
    assert calendar.get_missing_tzids() == set()
    [event] = calendar.events
    assert str(event["uid"]) == f"screening-{screening.pk}@filmclub"
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event.start == screening.starts_at
    assert event.start.tzinfo.key == "America/New_York"
    assert event.end == screening.starts_at + datetime.timedelta(minutes=14 + 116)
    assert str(event["summary"]) == "Comrades: Almost a Love Story"
    assert str(event["status"]) == "CONFIRMED"
    assert event["sequence"] == 0
    assert (
        str(event["location"]) == "Fort Greene Park, DeKalb Avenue, Fort Greene, Brooklyn, New York"
    )
    assert (event["geo"].latitude, event["geo"].longitude) == (40.69137, -73.97545)
    assert str(event["url"]) == f"{origin}/screenings/{screening.slug}/"
    assert str(event["description"]).split("\n") == [
        "Programme:",
        "1. To Become a Lion (short, 14 min)",
        "2. Comrades: Almost a Love Story (1996, feature, 116 min)",
        "",
        "Doors open 7:30 pm.",
        "Sunset 8:31 pm · film when dark, about 9:04 pm.",
        "Free admission.",
        f"{origin}/screenings/{screening.slug}/",
    ]


def test_feed_times_are_right_on_both_sides_of_daylight_saving(client, make_screening, fort_greene):
    march = make_screening(venue=fort_greene, date=datetime.date(2030, 3, 20))
    november = make_screening(venue=fort_greene, date=datetime.date(2030, 11, 5))
    for screening in (march, november):
        screening.start_time = datetime.time(19, 0)
        screening.save()

    calendar = parse(client.get(reverse("screenings:feed")))

    # The VTIMEZONE in the file itself (not the reader's tz database) must give the offsets.
    [vtimezone] = calendar.timezones
    zone_from_file = vtimezone.to_tz(lookup_tzid=False)
    events = {str(event["uid"]): event for event in calendar.events}
    spring = events[f"screening-{march.pk}@filmclub"].start
    autumn = events[f"screening-{november.pk}@filmclub"].start
    assert (spring.hour, spring.utcoffset()) == (19, datetime.timedelta(hours=-4))
    assert (autumn.hour, autumn.utcoffset()) == (19, datetime.timedelta(hours=-5))
    local_spring = spring.replace(tzinfo=None).replace(tzinfo=zone_from_file)
    local_autumn = autumn.replace(tzinfo=None).replace(tzinfo=zone_from_file)
    assert local_spring.astimezone(datetime.UTC) == datetime.datetime(
        2030, 3, 20, 23, 0, tzinfo=datetime.UTC
    )
    assert local_autumn.astimezone(datetime.UTC) == datetime.datetime(
        2030, 11, 6, 0, 0, tzinfo=datetime.UTC
    )


def test_feed_carries_upcoming_and_recent_screenings_only(client, make_screening):
    soon = make_screening(date=datetime.date(2030, 7, 1))
    make_screening(date=datetime.date(2020, 7, 1))

    calendar = parse(client.get(reverse("screenings:feed")))

    assert [str(event["uid"]) for event in calendar.events] == [f"screening-{soon.pk}@filmclub"]
    assert str(calendar["x-wr-calname"]) == "filmclub screenings"


def test_cancelling_is_in_the_feed_with_a_raised_sequence(client, make_screening):
    screening = make_screening()
    screening.status = Screening.Status.CANCELLED
    screening.status_reason = "Thunderstorms are forecast."
    screening.save()

    [event] = parse(client.get(reverse("screenings:feed"))).events

    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 1
    assert str(event["summary"]).startswith("Cancelled: ")
    assert str(event["description"]).split("\n")[0] == "Cancelled: Thunderstorms are forecast."
    assert str(event["uid"]) == f"screening-{screening.pk}@filmclub"


def test_unknown_runtimes_give_a_fallback_end(client, make_screening, make_film):
    screening = make_screening(
        films=[make_film(kind=Film.Kind.SHORT), make_film(kind=Film.Kind.FEATURE)]
    )

    [event] = parse(client.get(reverse("screenings:ics", args=[screening.slug]))).events

    assert event.end - event.start == datetime.timedelta(minutes=40 + 120)


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_is_constant(client, make_screening, count, django_assert_num_queries):
    for _ in range(count):
        make_screening()

    # screenings with venue, series and going count; programme items with films
    with django_assert_num_queries(2):
        response = client.get(reverse("screenings:feed"))

    assert len(parse(response).events) == count


def test_feed_is_built_once_for_members_too_and_rebuilt_after_a_change(
    client, make_user, make_screening, django_assert_num_queries
):
    screening = make_screening()
    client.force_login(make_user())
    client.get(reverse("screenings:feed"))

    with django_assert_num_queries(0):
        cached = client.get(reverse("screenings:feed"))
    screening.status = screening.Status.CANCELLED
    screening.status_reason = "Rain"
    screening.save()
    after_change = client.get(reverse("screenings:feed"))

    assert "X-Page-Cache" not in cached  # a member's request bypasses the page cache
    assert b"STATUS:CONFIRMED" in cached.content
    assert b"STATUS:CANCELLED" in after_change.content


def test_feed_is_kept_through_comments_and_rsvps_and_rebuilt_for_a_film_or_a_venue(
    client, make_user, make_screening, make_review, make_comment, django_assert_num_queries
):
    screening = make_screening()
    feature = screening.programme()[-1]
    member = make_user()
    client.get(reverse("screenings:feed"))

    make_comment(make_review(film=feature, author=member), author=member)
    take_rsvp(screening=screening, user=member)
    # neither makes the feed stale: no query
    with django_assert_num_queries(0):
        kept = client.get(reverse("screenings:feed"))
    feature.title = "Tian Mi Mi"
    feature.save()
    retitled = client.get(reverse("screenings:feed"))
    screening.venue.name = "Fort Greene Park, Brooklyn"
    screening.venue.save()
    moved = client.get(reverse("screenings:feed"))

    assert kept["X-Page-Cache"] == "hit"
    assert "Tian Mi Mi" not in parse(kept).events[0]["summary"]
    assert parse(retitled).events[0]["summary"] == "Tian Mi Mi"
    assert parse(moved).events[0]["location"].startswith("Fort Greene Park, Brooklyn")


def test_control_characters_saved_before_they_were_refused_are_left_out_of_calendars(
    client, make_screening, fort_greene, programme
):
    screening = make_screening(venue=fort_greene, films=programme, date=datetime.date(2030, 6, 30))
    Film.objects.filter(pk=programme[1].pk).update(title="Comrades\x01")
    fort_greene.__class__.objects.filter(pk=fort_greene.pk).update(name="Fort\x02 Greene Park")

    response = client.get(reverse("screenings:ics", args=[screening.slug]))

    [event] = parse(response).events
    assert str(event["summary"]) == "Comrades"
    assert str(event["location"]).startswith("Fort Greene Park, ")
    assert "2. Comrades (1996, feature, 116 min)" in str(event["description"])
    assert not any(byte < 0x20 and byte not in b"\t\r\n" for byte in response.content)
