"""The engine: nothing lost, nothing twice; preferences, verified addresses, failures."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications import Kind, notify
from notifications.models import Notification
from notifications.sending import send_due


@pytest.fixture
def told(make_member, make_review, committed):
    """notify() about a review to `recipients`, run as a request's transaction would commit."""

    review = make_review()

    def tell(recipients, kind=Kind.COMMENT, **options):
        options.setdefault("subject", "Something happened")
        options.setdefault("text", "Here is what happened.")
        return committed(notify, recipients, kind, review, **options)

    return tell


def test_telling_twice_sends_one_mail(make_member, told):
    reader = make_member()

    first = told([reader], key_parts=["v1"])
    second = told([reader], key_parts=["v1"])

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=reader).count() == 1


def test_a_new_key_part_is_a_new_notification(make_member, told):
    reader = make_member()

    told([reader], key_parts=[1])
    told([reader], key_parts=[2])

    assert len(mail.outbox) == 2


def test_an_unverified_address_gets_no_mail_but_an_inbox_entry(make_user, told):
    unverified = make_user()
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)

    told([unverified])

    assert mail.outbox == []
    assert Notification.objects.get(recipient=unverified).mail_state == "no-address"


def test_the_verified_address_is_used_not_another(make_user, told):
    user = make_user(email="old@example.com")
    EmailAddress.objects.create(user=user, email="old@example.com", verified=False, primary=True)
    EmailAddress.objects.create(user=user, email="new@example.com", verified=True, primary=False)

    told([user])

    assert [message.to for message in mail.outbox] == [["new@example.com"]]


def test_announcements_are_mailed_only_to_members_who_opt_in(make_member, told):
    reader = make_member()

    told([reader], kind=Kind.ANNOUNCEMENT)

    assert mail.outbox == []
    assert Notification.objects.get(recipient=reader).mail_state == "off"


class AlwaysFailing:
    """An email backend whose server always refuses the conversation."""

    def __init__(self, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the SMTP server is down")


def test_a_failed_mail_is_retried_later_then_marked_failed(make_member, told, settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_engine.AlwaysFailing"
    reader = make_member()

    told([reader])
    row = Notification.objects.get()
    assert (row.mail_state, row.mail_attempts) == ("pending", 1)
    assert row.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    assert "the SMTP server is down" in row.mail_error

    later = timezone.now()
    for _ in range(4):
        later += datetime.timedelta(hours=3)
        send_due(now=later)

    row.refresh_from_db()
    assert (row.mail_state, row.mail_attempts) == ("failed", 5)
    assert mail.outbox == []


def test_failed_mail_shows_in_the_admin(make_member, told, settings, signed_in, staff_user):
    settings.EMAIL_BACKEND = "notifications.tests.test_engine.AlwaysFailing"
    told([make_member()])
    Notification.objects.update(mail_state="failed")

    page = signed_in(staff_user).get("/admin/notifications/notification/?mail_state__exact=failed")

    assert "Something happened" in page.text
    assert "Failed (retries used up)" in page.text


def test_a_row_claimed_by_a_dead_sender_is_sent_after_the_lease(make_member, told, settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_engine.AlwaysFailing"
    told([make_member()])
    # A sender took it and died mid-send: the row stays claimed.
    Notification.objects.update(
        mail_state="sending", claimed_until=timezone.now() + datetime.timedelta(minutes=10)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert send_due() == 0  # another sender may still be at it
    sent = send_due(now=timezone.now() + datetime.timedelta(minutes=11))

    assert (sent, len(mail.outbox)) == (1, 1)
    assert Notification.objects.get().mail_state == "sent"


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_drained_twice_sends_one_mail(make_user, make_review, settings):
    """The real backend: the task waits in the database until `drain_tasks` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reader = make_user()
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    review = make_review()

    notify([reader], Kind.COMMENT, review, subject="Queued", text="Waiting for the worker.")
    assert mail.outbox == []  # queued, not sent

    call_command("drain_tasks", verbosity=0)
    call_command("drain_tasks", verbosity=0)

    assert [message.subject for message in mail.outbox] == ["Queued"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_loses_nothing(make_user, make_review, settings):
    """The worker took the send task, claimed the row and died: the task stays "running" and
    the row "sending". Once the lease is over, `drain_tasks` sends the mail, once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reader = make_user()
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    notify([reader], Kind.COMMENT, make_review(), subject="Survives", text="A crash.")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", started_at=long_ago)
    Notification.objects.update(mail_state="sending", claimed_until=long_ago, mail_attempts=1)

    call_command("drain_tasks", verbosity=0)
    call_command("drain_tasks", verbosity=0)

    assert [message.subject for message in mail.outbox] == ["Survives"]
    assert Notification.objects.get().mail_state == "sent"
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_staff_send_failed_mail_again_from_the_admin(
    make_member, told, settings, signed_in, staff_user, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "notifications.tests.test_engine.AlwaysFailing"
    told([make_member()])
    Notification.objects.update(mail_state="failed", mail_attempts=5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    row = Notification.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        page = signed_in(staff_user).post(
            "/admin/notifications/notification/",
            {"action": "send_again", "_selected_action": [row.pk]},
            follow=True,
        )

    assert "1 mail queued again." in page.text
    assert [message.subject for message in mail.outbox] == ["Something happened"]
    row.refresh_from_db()
    assert row.mail_state == "sent"
