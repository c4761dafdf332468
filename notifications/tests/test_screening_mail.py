"""Members going to a screening are told when it is cancelled, postponed, moved or its programme
changes, with the calendar event updated in place."""

import datetime

import icalendar
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from films.models import Film
from notifications.models import Notification
from screenings.attendance import RSVP
from screenings.models import Screening


@pytest.fixture
def screening(make_screening, fort_greene, make_film):
    return make_screening(
        venue=fort_greene,
        date=datetime.date(2030, 6, 28),
        films=[make_film(title="Do the Right Thing", kind=Film.Kind.FEATURE, runtime_minutes=120)],
    )


@pytest.fixture
def going(make_member, screening):
    members = [make_member(), make_member()]
    for user in members:
        RSVP.objects.create(screening=screening, user=user)
    return members


@pytest.fixture
def staff(signed_in, staff_user):
    return signed_in(staff_user)


def calendar_of(message):
    [attachment] = [
        part for part in message.attachments if part.get_content_type() == "text/calendar"
    ]
    return attachment, icalendar.Calendar.from_ical(attachment.get_payload(decode=True))


def save_changed(screening, **changes):
    """Save the screening with `changes`, from a fresh copy, as an edit in the admin would."""
    changed = Screening.objects.get(pk=screening.pk)
    for name, value in changes.items():
        setattr(changed, name, value)
    changed.save()


def cancel(staff, screening, reason="Thunderstorms all evening."):
    return staff.post(
        reverse("admin:screenings_screening_changelist"),
        {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [screening.pk], "reason": reason},
    )


def test_a_cancellation_mails_everyone_going_with_a_calendar_cancel(
    staff, screening, going, committed
):
    committed(cancel, staff, screening)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(u.email for u in going)
    message = mail.outbox[0]
    assert message.subject == ("Cancelled: Do the Right Thing at Fort Greene Park, Friday 28 June")
    assert "This screening is cancelled: Thunderstorms all evening." in message.body
    attachment, calendar = calendar_of(message)
    assert attachment.get_param("method") == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["UID"]) == f"screening-{screening.pk}@filmclub"
    assert event["SEQUENCE"] == 1
    assert event["STATUS"] == "CANCELLED"
    assert str(event["ORGANIZER"]) == "mailto:club@films.example.org"


def test_a_new_start_mails_the_new_time_and_a_calendar_update(screening, going, committed):
    committed(
        save_changed,
        screening,
        date=datetime.date(2030, 6, 29),
        start_time=datetime.time(20, 30),
        status=Screening.Status.RESCHEDULED,
        status_reason="Rain on Friday.",
    )

    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject == (
        "Rescheduled: Do the Right Thing at Fort Greene Park, Saturday 29 June"
    )
    assert "This screening is rescheduled: Rain on Friday." in message.body
    assert (
        "New time: Saturday 29 June 2030, 8:30 pm (it was Friday 28 June 2030, 8:00 pm)."
        in message.body
    )
    attachment, calendar = calendar_of(message)
    assert attachment.get_param("method") == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"screening-{screening.pk}@filmclub"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == datetime.datetime(
        2030, 6, 29, 20, 30, tzinfo=screening.venue.tz
    )


def test_a_programme_change_in_the_admin_mails_the_new_programme(
    staff, screening, going, make_film, committed
):
    other = make_film(title="Crooklyn", kind=Film.Kind.FEATURE, runtime_minutes=115)
    item = screening.items.get()
    url = reverse("admin:screenings_screening_change", args=[screening.pk])
    form = staff.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"starts", "previous_start", "sequence"}
    }
    data.update(
        {
            "venue": screening.venue.pk,
            "date": "2030-06-28",
            "start_time": "20:00",
            "status": "scheduled",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": item.pk,
            "items-0-screening": screening.pk,
            "items-0-order": "1",
            "items-0-film": other.pk,
            "rsvps-TOTAL_FORMS": "2",
            "rsvps-INITIAL_FORMS": "2",
            **{f"rsvps-{n}-id": rsvp.pk for n, rsvp in enumerate(screening.rsvps.all())},
            **{f"rsvps-{n}-screening": screening.pk for n in range(2)},
            "waitlist-TOTAL_FORMS": "0",
            "waitlist-INITIAL_FORMS": "0",
        }
    )
    data.pop("series", None)
    data.pop("programme_note", None)
    data.pop("capacity", None)
    data.pop("doors_time", None)

    response = committed(staff.post, url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject == "Programme change: Crooklyn at Fort Greene Park, Friday 28 June"
    assert "The programme is now: Crooklyn (it was: Do the Right Thing)." in message.body
    _, calendar = calendar_of(message)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Crooklyn"
    assert event["SEQUENCE"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_cancelling_with_many_going_queues_one_task_and_mails_nothing_in_the_request(
    staff,
    screening,
    make_member,
    count,
    settings,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(count):
        RSVP.objects.create(screening=screening, user=make_member())

    with django_assert_num_queries(12), django_capture_on_commit_callbacks(execute=True):
        cancel(staff, screening)

    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "notifications.tasks.screening_changed"
    assert mail.outbox == []  # the worker mails them


def test_a_screening_moved_into_the_past_mails_nobody_going(screening, going, committed):
    committed(save_changed, screening, date=datetime.date(2025, 6, 30))  # entered for the archive

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_mending_a_past_screening_mails_nobody_who_went(
    make_screening, fort_greene, make_venue, make_member, committed
):
    held = make_screening(venue=fort_greene, date=datetime.date(2025, 6, 30))
    RSVP.objects.create(screening=held, user=make_member())
    prospect_park = make_venue(name="Prospect Park")

    committed(save_changed, held, venue=prospect_park)

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_one_called_off_while_under_way_still_mails_everyone_going(
    make_screening, fort_greene, make_member, staff, committed
):
    started = timezone.localtime(timezone.now() - datetime.timedelta(minutes=30))
    under_way = make_screening(
        venue=fort_greene, date=started.date(), start_time=started.time().replace(microsecond=0)
    )
    RSVP.objects.create(screening=under_way, user=make_member())

    committed(cancel, staff, under_way)

    [message] = mail.outbox
    assert message.subject.startswith("Cancelled: ")
