"""Members who asked to hear of new screenings (the opt-in "A new screening is announced") are
told once of each: in their inbox and by mail, with the films, the day and time, the venue and
the link; nobody else, never twice, never of one past or called off."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from films.models import Film
from notifications import tasks
from notifications.models import Kind, Notification, set_mailed
from notifications.unsubscribe import unsubscribe_path
from screenings.models import Screening
from screenings.tests.test_admin import screening_form
from seasons.models import Season, Suggestion
from seasons.scheduling import schedule_winners


@pytest.fixture
def staff(signed_in, staff_user):
    return signed_in(staff_user)


@pytest.fixture
def asked(make_member):
    """A member who ticked "A new screening is announced"."""
    member = make_member()
    set_mailed(member, Kind.ANNOUNCEMENT, True)
    return member


@pytest.fixture
def feature(make_film):
    return make_film(title="Do the Right Thing", kind=Film.Kind.FEATURE, runtime_minutes=120)


def announced_to(member):
    return list(Notification.objects.filter(recipient=member, kind=Kind.ANNOUNCEMENT))


def test_a_member_who_asked_is_told_once_of_a_screening_staff_add(
    staff, asked, fort_greene, feature, committed
):
    form = screening_form(
        fort_greene, [feature], date="2030-06-28", start_time="20:00", starts_at_dusk=""
    )

    response = committed(staff.post, reverse("admin:screenings_screening_add"), form)

    assert response.status_code == 302
    screening = Screening.objects.get()
    [message] = mail.outbox
    assert message.to == [asked.email]
    assert message.subject == (
        "New screening: Do the Right Thing at Fort Greene Park, Friday 28 June"
    )
    assert (
        "Do the Right Thing at Fort Greene Park\n\n"
        "New on the club's programme: Do the Right Thing.\n\n"
        "When: Friday 28 June 2030, 8:00 pm\n"
        f"Where: Fort Greene Park, {fort_greene.place}\n\n"
        "Admission is free: say on its page that you are going.\n\n"
        f"See it on Fort Greene Film Club: https://films.example.org{screening.get_absolute_url()}"
    ) in message.body
    assert "“A new screening is announced”" in message.body
    [entry] = announced_to(asked)
    assert entry.subject == message.subject
    assert entry.url == screening.get_absolute_url()
    assert entry.mail_state == Notification.Mail.SENT


def test_a_member_who_did_not_ask_or_turned_it_off_is_not_told(
    make_member, asked, make_screening, committed
):
    never_asked = make_member()
    turned_off = make_member()
    set_mailed(turned_off, Kind.ANNOUNCEMENT, False)

    committed(make_screening)

    assert [message.to for message in mail.outbox] == [[asked.email]]
    assert announced_to(never_asked) == []
    assert announced_to(turned_off) == []


def test_a_member_without_a_verified_address_gets_the_inbox_entry_only(
    make_user, make_screening, committed
):
    unverified = make_user()
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)
    set_mailed(unverified, Kind.ANNOUNCEMENT, True)

    committed(make_screening)

    assert mail.outbox == []
    assert [entry.mail_state for entry in announced_to(unverified)] == ["no-address"]


def test_a_member_no_longer_active_is_not_told(asked, make_screening, committed):
    asked.is_active = False
    asked.save()

    committed(make_screening)

    assert mail.outbox == []
    assert announced_to(asked) == []


def test_a_second_save_or_a_new_time_announces_nothing_again(asked, make_screening, committed):
    screening = committed(make_screening)

    def edit():
        again = Screening.objects.get(pk=screening.pk)
        again.start_time = datetime.time(21, 15)
        again.save()
        again.capacity = 40
        again.save()

    committed(edit)

    assert len(mail.outbox) == 1
    assert len(announced_to(asked)) == 1


def test_the_task_run_twice_tells_nobody_twice(asked, make_screening, committed):
    screening = committed(make_screening)

    again = committed(tasks.screening_announced.call, screening.pk)

    assert again == 0
    assert len(mail.outbox) == 1
    assert len(announced_to(asked)) == 1


def test_the_announcement_says_how_many_places_there_are(asked, make_screening, committed):
    committed(make_screening, capacity=1200)

    [message] = mail.outbox
    assert "Admission is free (1,200 places): say on its page that you are going." in message.body


def test_a_past_screening_is_not_announced(asked, make_screening, committed):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    committed(make_screening, date=yesterday)

    assert mail.outbox == []
    assert announced_to(asked) == []


def test_a_cancelled_screening_is_not_announced(asked, make_screening, committed):
    committed(
        make_screening, status=Screening.Status.CANCELLED, status_reason="The park is closed."
    )

    assert mail.outbox == []
    assert announced_to(asked) == []


def test_a_screening_cancelled_before_the_worker_came_is_not_announced(asked, make_screening):
    screening = make_screening()  # the commit (and so the task) is left for later
    Screening.objects.filter(pk=screening.pk).update(
        status=Screening.Status.CANCELLED, status_reason="The park is closed."
    )

    told = tasks.screening_announced.call(screening.pk)

    assert told == 0
    assert announced_to(asked) == []


def test_the_seasons_winners_are_announced(
    asked, staff_user, fort_greene, feature, make_user, committed
):
    season = Season.objects.create(
        name="Summer 2031",
        slug="summer-2031",
        starts_on=datetime.date(2031, 6, 1),
        ends_on=datetime.date(2031, 8, 31),
        status=Season.Status.CLOSED,
    )
    season.venues.set([fort_greene])
    Suggestion.objects.create(
        season=season, film=feature, pitch="See it outdoors.", won_place=1, suggested_by=asked
    )

    [screening] = committed(schedule_winners, season, author=staff_user)

    [message] = mail.outbox
    assert message.subject == (
        "New screening: Do the Right Thing at Fort Greene Park, Sunday 1 June"
    )
    assert "New on the club's programme: Do the Right Thing." in message.body
    assert [entry.url for entry in announced_to(asked)] == [screening.get_absolute_url()]


def test_adding_a_screening_queues_one_task_and_mails_nothing_in_the_request(
    staff, asked, fort_greene, feature, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    form = screening_form(fort_greene, [feature])

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("admin:screenings_screening_add"), form)

    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "notifications.tasks.screening_announced"
    assert queued.args_kwargs["args"] == [Screening.objects.get().pk]
    assert mail.outbox == []
    assert announced_to(asked) == []  # the worker writes them


def test_the_settings_page_says_what_an_announcement_gets_the_member(make_member, signed_in):
    response = signed_in(make_member()).get(reverse("notifications:settings"))

    assert "A new screening is announced" in response.text
    assert (
        "Off unless you tick it. Ticked, you hear of each new screening once, in your "
        "notifications and by mail: the films, the day and time, the venue and its page."
    ) in response.text
    assert "(new screenings: only if you tick them)" in response.text


def test_unsubscribing_from_announcements_says_they_stop_on_the_site_too(asked, client):
    done = client.post(unsubscribe_path(asked.pk, Kind.ANNOUNCEMENT), {})

    assert "Nor in your notifications on the site: you are no longer told of them." in done.text
    assert "It still shows in your notifications" not in done.text
