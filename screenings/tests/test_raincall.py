"""The rain call as data: before it the pages say when it will be made; each of its three
choices shows at once on the page, the home page, the calendar feed and .ics and the JSON-LD,
and is mailed to everyone going."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from screenings.attendance import WaitlistEntry
from screenings.models import Screening
from screenings.raincall import make_call, rain_call_note
from screenings.rsvps import join_waitlist, take_rsvp
from screenings.tests.test_views import jsonld


def venue_today(venue):
    return timezone.now().astimezone(venue.tz).date()


def on_the_day(screening):
    """A moment on the screening's day, before it starts: when its rain call is made."""
    return screening.starts_at - datetime.timedelta(hours=1)


@pytest.fixture
def park(make_venue):
    return make_venue(
        name="Fort Greene Park", rain_call_time=datetime.time(13, 0), weather_policy="We decide."
    )


@pytest.fixture
def tonight(before_tonight, make_screening, park, make_member, mailing):
    """A screening late tonight at the venue, with a rain date a week on and two members going."""
    today = venue_today(park)
    screening = make_screening(
        venue=park,
        date=today,
        start_time=datetime.time(23, 30),
        rain_date=today + datetime.timedelta(days=7),
        capacity=2,
    )
    for _ in range(2):
        take_rsvp(screening=screening, user=make_member())
    return screening


def test_the_call_time_is_said_before_the_day_and_on_it(make_screening, park):
    screening = make_screening(venue=park, date=datetime.date(2030, 7, 10))
    at = datetime.datetime(2030, 7, 1, 12, 0, tzinfo=park.tz)

    assert rain_call_note(screening, at) == "Rain call at 1 pm on the day"
    assert rain_call_note(screening, at.replace(day=9)) == "Rain call at 1 pm tomorrow"
    assert rain_call_note(screening, at.replace(day=10)) == "Rain call at 1 pm today"
    assert rain_call_note(screening, at.replace(day=10, hour=15)) == "Rain call at 1 pm today"


def test_a_screening_keeps_its_own_call_time_over_the_venues(make_screening, park):
    screening = make_screening(
        venue=park, date=datetime.date(2030, 7, 10), rain_call_time=datetime.time(14, 30)
    )
    at = datetime.datetime(2030, 7, 10, 9, 0, tzinfo=park.tz)

    assert rain_call_note(screening, at) == "Rain call at 2:30 pm today"


def test_an_indoor_venue_or_no_call_time_says_nothing(make_screening, make_venue):
    indoor = make_screening(venue=make_venue(is_outdoor=False, rain_call_time="13:00"))
    no_time = make_screening()

    assert rain_call_note(indoor) == ""
    assert rain_call_note(no_time) == ""


def test_on_the_day_the_page_and_the_home_page_say_when_the_call_is(client, tonight):
    page = client.get(tonight.get_absolute_url()).text
    home = client.get("/").text

    assert '<p class="rain-call" role="status">Rain call at 1 pm today</p>' in page
    assert '<p class="rain-call" role="status">Rain call at 1 pm today</p>' in home
    assert "We decide.<br>Decision at 1 pm on the day." in page


def ics_event(client, screening):
    calendar = Calendar.from_ical(
        client.get(reverse("screenings:ics", args=[screening.slug])).content
    )
    return calendar.events[0]


def feed_event(client, screening):
    calendar = Calendar.from_ical(client.get(reverse("screenings:feed")).content)
    [event] = [e for e in calendar.events if str(e["uid"]) == f"screening-{screening.pk}@filmclub"]
    return event


def channels(client, screening):
    """What every channel says after the call (each read once before, so caches are warm)."""
    page = client.get(screening.get_absolute_url())
    return {
        "page": page.text,
        "home": client.get("/").text,
        "json-ld": jsonld(page)["eventStatus"],
        "ics": ics_event(client, screening),
        "feed": feed_event(client, screening),
    }


def calendar_attached(message):
    [part] = [p for p in message.attachments if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True))


def make_the_call(screening, call, capture):
    with capture(execute=True):
        return make_call(screening, call=call)


def test_go_ahead_shows_everywhere_and_mails_everyone_going(
    client, tonight, django_capture_on_commit_callbacks
):
    channels(client, tonight)  # cached before the call

    make_the_call(tonight, "go", django_capture_on_commit_callbacks)
    seen = channels(client, tonight)

    assert '<p class="rain-call" role="status">On: see you at 11:30 pm</p>' in seen["page"]
    assert '<p class="rain-call" role="status">On: see you at 11:30 pm</p>' in seen["home"]
    assert seen["json-ld"] == "https://schema.org/EventScheduled"
    for event in (seen["ics"], seen["feed"]):
        assert str(event["status"]) == "CONFIRMED"
        assert "On: see you at 11:30 pm." in str(event["description"])
        assert event["sequence"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        tonight.rsvps.values_list("user__email", flat=True)
    )
    assert mail.outbox[0].subject == f"On: {tonight.title} at Fort Greene Park, see you there"
    assert "The rain call is made: " in mail.outbox[0].body


def test_a_film_at_dusk_going_ahead_says_see_you_at_dusk(make_screening, park):
    screening = make_screening(
        venue=park, date=venue_today(park) + datetime.timedelta(days=1), starts_at_dusk=True
    )

    make_call(screening, call="go", now=on_the_day(screening))
    screening.refresh_from_db()

    assert rain_call_note(screening) == "On: see you at dusk"


def test_moving_to_the_rain_date_moves_the_screening_its_members_and_its_queue(
    client, tonight, make_member, django_capture_on_commit_callbacks
):
    waiting = make_member()
    join_waitlist(screening=tonight, user=waiting)
    going = set(tonight.rsvps.values_list("user", flat=True))
    rain_date = tonight.rain_date
    channels(client, tonight)

    make_the_call(tonight, "moved", django_capture_on_commit_callbacks)
    seen = channels(client, tonight)
    tonight.refresh_from_db()

    assert tonight.date == rain_date
    assert tonight.rain_date is None
    assert tonight.local_starts_at.time() == datetime.time(23, 30)
    assert tonight.status == Screening.Status.RESCHEDULED
    assert tonight.sequence == 1
    assert set(tonight.rsvps.values_list("user", flat=True)) == going
    assert WaitlistEntry.objects.position(tonight, waiting) == 1
    moved_from = f"{tonight.previous_starts_at.astimezone(tonight.venue.tz):%A, %B} "
    assert f"Moved to the rain date because of the weather on {moved_from}" in seen["page"]
    assert "<strong>Rescheduled</strong>" in seen["home"]
    assert seen["json-ld"] == "https://schema.org/EventRescheduled"
    for event in (seen["ics"], seen["feed"]):
        assert event["sequence"] == 1
        assert event.start == tonight.starts_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        tonight.rsvps.values_list("user__email", flat=True)
    )
    message = mail.outbox[0]
    assert message.subject.startswith(f"Rescheduled: {tonight.title} at Fort Greene Park, ")
    assert "Moved to the rain date because of the weather" in message.body
    invite = calendar_attached(message)
    assert str(invite["method"]) == "REQUEST"
    assert invite.events[0]["sequence"] == 1
    assert invite.events[0].start == tonight.starts_at


def test_once_moved_to_the_rain_date_no_page_still_announces_a_rain_call(
    client, tonight, django_capture_on_commit_callbacks
):
    before = channels(client, tonight)
    assert "Rain call at" in before["page"]

    make_the_call(tonight, "moved", django_capture_on_commit_callbacks)
    seen = channels(client, tonight)

    assert "Rain call at" not in seen["page"]
    assert "Rain call at" not in seen["home"]
    assert "Decision at" not in seen["page"]


def test_cancelling_for_the_weather_shows_everywhere_and_mails_everyone_going(
    client, tonight, django_capture_on_commit_callbacks
):
    channels(client, tonight)

    make_the_call(tonight, "cancelled", django_capture_on_commit_callbacks)
    seen = channels(client, tonight)

    assert "<strong>Cancelled</strong>. Called off because of the weather." in seen["page"]
    assert "<strong>Cancelled</strong>. Called off because of the weather." in seen["home"]
    assert "rain-call" not in seen["page"]
    assert seen["json-ld"] == "https://schema.org/EventCancelled"
    for event in (seen["ics"], seen["feed"]):
        assert str(event["status"]) == "CANCELLED"
        assert event["sequence"] == 1
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject.startswith(f"Cancelled: {tonight.title} at Fort Greene Park, ")
    assert "Called off because of the weather." in message.body
    invite = calendar_attached(message)
    assert str(invite["method"]) == "CANCEL"


def test_no_rain_date_no_move(make_screening, park):
    screening = make_screening(venue=park)

    with pytest.raises(ValidationError) as error:
        make_call(screening, call="moved", now=on_the_day(screening))

    assert error.value.messages == [f"{screening} has no rain date: give it one first, or cancel."]
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SCHEDULED


def test_a_past_or_cancelled_screening_cannot_be_called(make_screening):
    past = make_screening(date=datetime.date(2020, 7, 1))

    with pytest.raises(ValidationError):
        make_call(past, call="go")


def test_staff_make_the_call_in_the_admin(tonight, staff_user, signed_in):
    client = signed_in(staff_user)
    url = reverse("admin:screenings_screening_changelist")
    data = {"action": "make_the_call", "_selected_action": [tonight.pk]}

    asked = client.post(url, data)
    done = client.post(url, {**data, "call": "moved", "reason": ""}, follow=True)
    tonight.refresh_from_db()

    assert "Make the rain call" in asked.text
    assert 'value="moved"' in asked.text
    assert f"Move to the rain date: {tonight}" in done.text
    assert tonight.status == Screening.Status.RESCHEDULED


def test_no_call_is_made_once_the_screening_has_started(make_screening, park, make_member):
    screening = make_screening(
        venue=park, date=datetime.date(2030, 7, 10), start_time=datetime.time(9, 0)
    )
    take_rsvp(screening=screening, user=make_member())
    at = datetime.datetime(2030, 7, 10, 9, 23, tzinfo=park.tz)

    with pytest.raises(ValidationError) as error:
        make_call(screening, call="go", now=at)

    assert error.value.messages == [
        f"{screening} has already started: the rain call is made before the film starts."
    ]
    assert rain_call_note(screening, at) == ""
    assert rain_call_note(screening, at.replace(hour=8, minute=59)) == "Rain call at 1 pm today"
    screening.refresh_from_db()
    assert screening.rain_call == ""
    assert mail.outbox == []


def test_the_page_of_a_screening_under_way_announces_no_rain_call(
    client, make_screening, park, staff_user, signed_in
):
    began = (timezone.now() - datetime.timedelta(hours=1)).astimezone(park.tz)
    screening = make_screening(
        venue=park,
        date=began.date(),
        start_time=began.time().replace(second=0, microsecond=0),
        rain_call_time=(began + datetime.timedelta(minutes=30)).time().replace(second=0),
    )
    url = reverse("admin:screenings_screening_changelist")
    data = {"action": "make_the_call", "_selected_action": [screening.pk], "call": "go"}

    page = client.get(screening.get_absolute_url()).text
    done = signed_in(staff_user).post(url, {**data, "reason": ""}, follow=True)

    assert "Rain call at" not in page
    assert f"{screening} has already started: the rain call is made" in done.text
    screening.refresh_from_db()
    assert screening.rain_call == ""
