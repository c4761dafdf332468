"""Several workers at once on the same queue: every mail is sent exactly once."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connections

from core.tests.concurrency import needs_postgresql
from notifications import Kind, notify
from notifications.models import Notification
from notifications.sending import send_batch

WORKERS = 4
MEMBERS = 30

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_workers_sending_the_same_rows_at_once_send_each_mail_once(
    make_user, make_review, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # not run here
    members = [make_user() for _ in range(MEMBERS)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in members
    )
    notify(members, Kind.COMMENT, make_review(), subject="Once", text="Only once.")
    ids = list(Notification.objects.values_list("pk", flat=True))
    start = threading.Barrier(WORKERS)
    sent = []

    def worker():
        start.wait()
        try:
            sent.append(send_batch(ids))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(sent) == MEMBERS
    assert sorted(message.to[0] for message in mail.outbox) == sorted(u.email for u in members)
    assert set(Notification.objects.values_list("mail_state", flat=True)) == {"sent"}
