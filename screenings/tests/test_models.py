import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from core.tests.concurrency import needs_postgresql
from films.models import Film
from screenings.attendance import RSVP
from screenings.models import Screening, programme_runtime
from screenings.rsvps import take_rsvp

NEW_YORK = ZoneInfo("America/New_York")
UTC = datetime.UTC


def test_sunset_at_fort_greene_on_the_seed_date_matches_the_almanac(fort_greene):
    # The almanac gives sunset in New York on 30 June 2025 as 8:31 pm EDT.
    almanac = datetime.datetime(2025, 6, 30, 20, 31, tzinfo=NEW_YORK)

    sunset = fort_greene.sunset(datetime.date(2025, 6, 30))

    assert abs(sunset - almanac) <= datetime.timedelta(minutes=3)
    assert sunset.utcoffset() == datetime.timedelta(hours=-4)


def test_a_screening_at_dusk_starts_at_the_venues_dusk(make_screening, fort_greene):
    screening = make_screening(
        venue=fort_greene, date=datetime.date(2025, 6, 30), starts_at_dusk=True
    )

    assert screening.starts_at == fort_greene.dusk(datetime.date(2025, 6, 30))
    assert screening.local_starts_at.strftime("%H:%M") == "21:04"


@pytest.mark.parametrize("server_zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_start_time_is_the_venues_clock_whatever_the_server_zone(
    settings, make_screening, fort_greene, server_zone
):
    settings.TIME_ZONE = server_zone

    screening = make_screening(
        venue=fort_greene, date=datetime.date(2030, 7, 2), start_time=datetime.time(20, 0)
    )

    screening.refresh_from_db()
    assert screening.starts_at == datetime.datetime(2030, 7, 3, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date", "utc_hour"),
    [(datetime.date(2030, 3, 20), 23), (datetime.date(2030, 11, 5), 0)],
)
def test_start_follows_daylight_saving_time(make_screening, fort_greene, date, utc_hour):
    screening = make_screening(venue=fort_greene, date=date, start_time=datetime.time(19, 0))

    assert screening.starts_at.astimezone(UTC).hour == utc_hour


def test_a_time_skipped_by_the_clocks_going_forward_is_refused(make_screening, fort_greene):
    screening = make_screening(venue=fort_greene)
    screening.date = datetime.date(2030, 3, 10)
    screening.start_time = datetime.time(2, 30)

    with pytest.raises(ValidationError) as error:
        screening.full_clean()

    assert error.value.message_dict["start_time"] == [
        "2:30 am does not exist on 2030-03-10 in America/New_York (the clocks go forward): "
        "choose another time."
    ]


def test_start_time_and_dusk_are_one_or_the_other(make_venue):
    screening = Screening(venue=make_venue(), date=datetime.date(2030, 7, 1))

    with pytest.raises(ValidationError) as error:
        screening.full_clean()

    assert error.value.messages == [
        "Give the film's start time, or tick “film at dusk”: one of the two."
    ]


def test_cancelling_needs_a_reason(make_screening):
    screening = make_screening()
    screening.status = Screening.Status.CANCELLED

    with pytest.raises(ValidationError) as error:
        screening.full_clean()

    assert error.value.messages == ["Say why (the reason is shown to visitors)."]


def test_sequence_rises_when_start_status_or_venue_change(make_screening, make_venue):
    screening = make_screening(start_time=datetime.time(20, 0))
    assert screening.sequence == 0

    screening.capacity = 80
    screening.save()
    assert screening.sequence == 0

    screening = Screening.objects.get(pk=screening.pk)
    screening.start_time = datetime.time(21, 0)
    screening.save()
    assert screening.sequence == 1

    screening.status = Screening.Status.CANCELLED
    screening.status_reason = "Thunderstorms."
    screening.save()
    assert screening.sequence == 2

    screening.venue = make_venue()
    screening.save()
    assert Screening.objects.get(pk=screening.pk).sequence == 3


def test_moving_a_screening_keeps_its_previous_start(make_screening):
    screening = make_screening(date=datetime.date(2030, 7, 1), start_time=datetime.time(20, 0))
    first_start = screening.starts_at

    screening = Screening.objects.get(pk=screening.pk)
    screening.date = datetime.date(2030, 7, 8)
    screening.status = Screening.Status.RESCHEDULED
    screening.status_reason = "Rain date."
    screening.save()

    assert Screening.objects.get(pk=screening.pk).previous_starts_at == first_start


def test_unknown_runtimes_count_as_forty_minutes_for_a_short_and_two_hours_for_a_feature():
    films = [Film(kind=Film.Kind.SHORT), Film(kind=Film.Kind.FEATURE, runtime_minutes=116)]

    assert programme_runtime(films) == 40 + 116
    assert programme_runtime([Film(kind=Film.Kind.FEATURE)]) == 120


def test_rsvp_twice_is_one_rsvp(make_screening, make_user):
    screening, member = make_screening(), make_user()

    take_rsvp(screening=screening, user=member)
    take_rsvp(screening=screening, user=member)

    assert RSVP.objects.filter(screening=screening).count() == 1


def test_rsvp_beyond_capacity_is_refused(make_screening, make_user):
    screening = make_screening(capacity=1)
    take_rsvp(screening=screening, user=make_user())

    with pytest.raises(ValidationError) as error:
        take_rsvp(screening=screening, user=make_user())

    assert error.value.messages == ["Sorry, this screening is full."]
    assert screening.rsvps.count() == 1


def test_rsvp_to_a_cancelled_or_past_screening_is_refused(make_screening, make_user):
    cancelled = make_screening(status="cancelled", status_reason="Rain.")
    past = make_screening(date=datetime.date(2020, 7, 1))

    for screening in (cancelled, past):
        with pytest.raises(ValidationError) as error:
            take_rsvp(screening=screening, user=make_user())
        assert error.value.messages == ["This screening is not taking RSVPs."]
    assert RSVP.objects.count() == 0


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_capacity_is_never_exceeded_by_members_answering_at_the_same_moment(
    make_screening, make_user
):
    screening = make_screening(capacity=3)
    members = [make_user() for _ in range(8)]
    barrier = threading.Barrier(len(members))
    statuses = []

    def answer(member):
        try:
            client = Client()
            client.force_login(member)
            barrier.wait()
            response = client.post(f"/screenings/{screening.slug}/going/")
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=[member]) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * len(members)
    assert RSVP.objects.filter(screening=screening).count() == 3
