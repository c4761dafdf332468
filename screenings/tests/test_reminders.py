"""The reminder the day before, at the venue's reminder hour: what it says, and that nobody gets
it twice however often the run is repeated."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from notifications.models import Notification
from screenings.attendance import Reminder
from screenings.raincall import make_call
from screenings.reminders import due, send_due_reminders
from screenings.rsvps import join_waitlist, take_rsvp


@pytest.fixture
def park(make_venue):
    return make_venue(
        name="Fort Greene Park",
        address="DeKalb Avenue",
        rain_call_time=datetime.time(13, 0),
        reminder_time=datetime.time(10, 0),
        directions="Enter at the corner of DeKalb and Washington Park.",
        transit="C to Lafayette Av.",
        what_to_bring="A blanket.",
        house_rules="No alcohol.",
        accessibility="Paved paths to the lawn.",
    )


@pytest.fixture
def screening(make_screening, park, make_member, mailing):
    screening = make_screening(
        venue=park,
        date=datetime.date(2030, 6, 30),
        starts_at_dusk=True,
        rain_date=datetime.date(2030, 7, 1),
        capacity=2,
    )
    for _ in range(2):
        take_rsvp(screening=screening, user=make_member())
    return screening


def at(park, day, hour, minute=0):
    return datetime.datetime(2030, 6, day, hour, minute, tzinfo=park.tz)


def run(now, capture):
    with capture(execute=True):
        return send_due_reminders(now)


def test_the_reminder_is_due_the_day_before_at_the_venues_hour(screening, park):
    assert due(at(park, 29, 9, 59)) == []
    assert due(at(park, 29, 10)) == [screening]
    assert due(at(park, 30, 23)) == []  # the film has started


def test_the_reminder_says_when_where_what_to_bring_and_how_to_cancel(
    screening, park, django_capture_on_commit_callbacks
):
    reminded = run(at(park, 29, 10, 5), django_capture_on_commit_callbacks)

    assert reminded == 2
    assert Notification.objects.filter(kind="reminder").count() == 2  # in each inbox too
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        screening.rsvps.values_list("user__email", flat=True)
    )
    message = mail.outbox[0]
    dusk = park.dusk(screening.date)
    assert message.subject == f"Tomorrow: {screening.title} at Fort Greene Park"
    for fact in [
        f"Sunday, June 30, 2030 · sunset {park.sunset(screening.date):%-I:%M} pm · film when "
        f"dark, about {dusk:%-I:%M} pm",
        "Fort Greene Park, DeKalb Avenue, Brooklyn, New York",
        "Rain call at 1 pm tomorrow. Rain date: Monday, July 1.",
        "Finding us: Enter at the corner of DeKalb and Washington Park.",
        "Getting there: C to Lafayette Av.",
        "What to bring: A blanket.",
        "House rules: No alcohol.",
        "Accessibility: Paved paths to the lawn.",
        "Give your place back to the next member waiting: https://films.example.org"
        "/screenings/not-going/",
    ]:
        assert fact in message.body


def test_running_twice_reminds_nobody_twice(screening, park, django_capture_on_commit_callbacks):
    run(at(park, 29, 10, 5), django_capture_on_commit_callbacks)
    again = run(at(park, 29, 10, 20), django_capture_on_commit_callbacks)

    assert again == 0
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_a_member_going_after_the_run_is_reminded_by_the_next(
    screening, park, make_member, django_capture_on_commit_callbacks
):
    run(at(park, 29, 10, 5), django_capture_on_commit_callbacks)
    screening.capacity = 3
    screening.save()
    late = make_member()
    take_rsvp(screening=screening, user=late)

    assert run(at(park, 29, 10, 20), django_capture_on_commit_callbacks) == 1
    assert mail.outbox[-1].to == [late.email]


def test_a_screening_moved_to_its_rain_date_is_reminded_of_again(
    screening, park, django_capture_on_commit_callbacks
):
    run(at(park, 29, 10, 5), django_capture_on_commit_callbacks)
    make_call(screening, call="moved", now=at(park, 30, 9, 0))  # on the day, as calls are

    assert run(at(park, 30, 10, 5), django_capture_on_commit_callbacks) == 2


def test_members_waiting_are_not_reminded(
    screening, park, make_user, django_capture_on_commit_callbacks
):
    join_waitlist(screening=screening, user=make_user())

    assert run(at(park, 29, 10, 5), django_capture_on_commit_callbacks) == 2


def test_the_command_sends_what_is_due(db, capsys):
    call_command("send_reminders")

    assert capsys.readouterr().out == "0 members reminded.\n"


def test_the_reminders_link_works_without_signing_in_and_gives_the_place_on(
    screening, park, make_member, django_capture_on_commit_callbacks
):
    waiting = make_member()
    join_waitlist(screening=screening, user=waiting)
    run(at(park, 29, 10, 5), django_capture_on_commit_callbacks)
    link = {
        message.to[0]: message.body.split("to the next member waiting: ")[1].split()[0]
        for message in mail.outbox
    }
    member = screening.rsvps.order_by("pk").first().user
    path = "/" + link[member.email].split("://", 1)[1].split("/", 1)[1]
    browser = Client(enforce_csrf_checks=True)  # no session: the mail reader's browser

    asked = browser.get(path)
    assert screening.rsvps.filter(user=member).exists()  # opening it (a scanner) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = browser.post(path, {"csrfmiddlewaretoken": str(asked.context["csrf_token"])})

    assert len(set(link.values())) == 2  # each member's own link
    [html] = [body for body, kind in mail.outbox[0].alternatives if kind == "text/html"]
    assert f'<a href="{link[mail.outbox[0].to[0]]}"' in html  # a link in the HTML part too
    assert "I can’t come</button>" in asked.text
    assert "you are no longer going" in done.text
    assert screening.rsvps.filter(user=member).exists() is False
    assert screening.rsvps.filter(user=waiting).exists()  # the freed place went on
    assert mail.outbox[-1].to == [waiting.email]
