"""Recording notifications and mailing them: `notify()` writes the rows, the send task mails them.

Each row's mail is claimed (a conditional UPDATE, atomic on SQLite and PostgreSQL alike) before
the SMTP conversation and marked sent after it, so two workers never send one row; a sender that
dies mid-batch leaves its rows claimed, and once the lease is over they are due again
(`Notification.objects.mail_due`, swept by `manage.py drain_tasks`). An SMTP failure puts the
row back with a later `next_attempt_at` (RETRY_DELAYS), then marks it failed (the admin lists
failed mail). Each mail's Message-ID is made from the row, so even the rare mail sent again after
a crash between the SMTP "250 OK" and the mark is the same message to a mail client.
"""

import logging
import re
from email.mime.text import MIMEText

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task

from core.links import site_scheme
from notifications.models import (
    CLAIM_LEASE,
    RETRY_DELAYS,
    Attachment,
    Kind,
    Notification,
    mailed_kinds,
    target_type_of,
)
from notifications.unsubscribe import unsubscribe_path

logger = logging.getLogger(__name__)

# Rows per send task: one SMTP connection and three reads for each batch.
BATCH = 100
# Rows marked sent at a time (Marks).
MARK_EVERY = 10


def unread_cache_key(user_id):
    return f"notifications:unread:{user_id}"


# The header's unread counts are kept in the default cache this long (any change drops them).
UNREAD_COUNT_SECONDS = 24 * 3600
# ... but only this long when that cache is each process's own (no REDIS_URL: `bin/serve`), where
# a notification the task worker makes cannot drop the web server's count.
UNSHARED_UNREAD_COUNT_SECONDS = 10


def unread_count_seconds():
    return UNREAD_COUNT_SECONDS if settings.REDIS_URL else UNSHARED_UNREAD_COUNT_SECONDS


def forget_unread_counts(user_ids):
    """The header's counts are read from the cache (unread_count); a change drops them."""
    try:
        cache.delete_many([unread_cache_key(user_id) for user_id in user_ids])
    except Exception:  # an unreachable cache holds no count to forget (it expires anyway)
        logger.warning("Unread counts not dropped: the cache is unreachable", exc_info=True)


def remember_unread_count(user_id, count):
    try:
        cache.set(unread_cache_key(user_id), count, unread_count_seconds())
    except Exception:  # the next page counts again
        logger.warning("Unread count not kept: the cache is unreachable", exc_info=True)


def unread_count(user):
    """The member's unread notifications, cached: no query on most pages (and one, the count,
    when the cache has it not or cannot be reached)."""
    try:
        count = cache.get(unread_cache_key(user.pk))
    except Exception:
        logger.warning("Unread count not read: the cache is unreachable", exc_info=True)
        count = None
    if count is None:
        count = Notification.objects.filter(recipient=user).unread().count()
        remember_unread_count(user.pk, count)
    return count


def notify(recipients, kind, target, *, subject, text, url=None, ics=None, key_parts=()):
    """Tell `recipients` (users or user ids) about `target`: an inbox entry each and, once the
    current transaction commits, a mail each (see the package's docstring). Returns how many
    were new: a (recipient, kind, target, key_parts) already told is skipped. `text` may be a
    function of the recipient's id (a text with a link of their own)."""
    kind = Kind(kind)
    recipient_ids = list(dict.fromkeys(getattr(user, "pk", user) for user in recipients))
    if not recipient_ids:
        return 0
    target_type = target_type_of(target)
    url = url or target.get_absolute_url()
    keys = {
        Notification.make_key(
            recipient_id=user_id,
            kind=kind,
            target_type_id=target_type.pk,
            target_id=target.pk,
            parts=key_parts,
        ): user_id
        for user_id in recipient_ids
    }
    told = set()
    all_keys = list(keys)
    for start in range(0, len(all_keys), 500):
        told.update(
            Notification.objects.filter(key__in=all_keys[start : start + 500]).values_list(
                "key", flat=True
            )
        )
    new_keys = [key for key in all_keys if key not in told]
    if not new_keys:
        return 0
    attachment = None
    if ics:
        ics = ics.decode() if isinstance(ics, bytes) else ics
        method = re.search(r"^METHOD:(\w+)", ics, re.MULTILINE)
        content_type = "text/calendar"
        if method:
            content_type += f"; method={method[1]}"
        attachment = Attachment.objects.create(
            filename="invite.ics", content_type=content_type, content=ics
        )
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=keys[key],
                kind=kind,
                target_type=target_type,
                target_id=target.pk,
                subject=subject[:200],
                text=text(keys[key]) if callable(text) else text,
                url=url,
                attachment=attachment,
                key=key,
                created_at=now,
                next_attempt_at=now,
            )
            for key in new_keys
        ],
        batch_size=500,
        ignore_conflicts=True,  # another worker told them in the meantime: theirs stands
    )
    ids = []
    for start in range(0, len(new_keys), 500):
        ids.extend(
            Notification.objects.filter(
                key__in=new_keys[start : start + 500], created_at=now
            ).values_list("pk", flat=True)
        )
    told_ids = [keys[key] for key in new_keys]

    def after_commit():
        forget_unread_counts(told_ids)
        enqueue_sends(sorted(ids))

    transaction.on_commit(after_commit)
    return len(ids)


@task()
def send_notifications(notification_ids):
    """The send task: mail these notifications (those still due)."""
    return send_batch(notification_ids)


def enqueue_sends(ids, run_after=None):
    """One send task per BATCH rows."""
    task = send_notifications
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the immediate backend in tests: `drain_tasks` sends what comes due
        task = task.using(run_after=run_after)
    for start in range(0, len(ids), BATCH):
        task.enqueue(ids[start : start + BATCH])


def claim(ids, now):
    """Take for this sender alone the mail of those rows of `ids` that are due: one UPDATE, and a
    row another sender holds (or has sent) is not due. Returns the claim's token."""
    token = get_random_string(24)
    Notification.objects.filter(pk__in=ids).mail_due(now).update(
        mail_state=Notification.Mail.SENDING,
        claimed_by=token,
        claimed_until=now + CLAIM_LEASE,
        mail_attempts=F("mail_attempts") + 1,
    )
    return token


def verified_addresses(user_ids):
    """{user id: address} of the members' verified addresses, the primary one first."""
    addresses = {}
    rows = EmailAddress.objects.filter(user_id__in=user_ids, verified=True).order_by(
        "-primary", "pk"
    )
    for user_id, email in rows.values_list("user_id", "email"):
        addresses.setdefault(user_id, email)
    return addresses


def send_batch(ids, now=None):
    """Mail the rows `ids` that are due, each once. Returns how many were sent."""
    now = now or timezone.now()
    token = claim(ids, now)
    rows = list(
        Notification.objects.filter(
            pk__in=ids, claimed_by=token, mail_state=Notification.Mail.SENDING
        ).select_related("recipient", "attachment")
    )
    if not rows:
        return 0
    user_ids = {row.recipient_id for row in rows}
    kinds = mailed_kinds(user_ids)
    addresses = verified_addresses(user_ids)
    site = Site.objects.get_current()
    connection = get_connection()
    marks = Marks(token)
    retry = []
    try:
        for row in rows:
            if row.kind not in kinds[row.recipient_id]:
                marks.add(row, Notification.Mail.OFF)
                continue
            address = addresses.get(row.recipient_id)
            if not address:
                marks.add(row, Notification.Mail.NO_ADDRESS)
                continue
            message = build_message(row, address=address, site=site, connection=connection)
            try:
                message.send()
            except Exception as error:  # any SMTP or socket error: try again later
                logger.warning("Mail for notification %s failed: %s", row.pk, error)
                connection.close()  # a broken conversation is not reused
                if failed(row, token, error, now):
                    retry.append(row)
                continue
            marks.add(row, Notification.Mail.SENT)
    finally:
        connection.close()
        marks.flush()
    if retry:  # one task for the batch's retries, when the last of them is due
        enqueue_sends(
            [row.pk for row in retry], run_after=max(row.next_attempt_at for row in retry)
        )
    return marks.sent


class Marks:
    """Rows done, written MARK_EVERY at a time (a commit each costs a disk flush on SQLite):
    a sender killed mid-batch sends at most that many again, with the same Message-IDs."""

    def __init__(self, token):
        self.token = token
        self.pending = {}
        self.count = 0
        self.sent = 0

    def add(self, row, state):
        self.pending.setdefault(state, []).append(row.pk)
        self.count += 1
        if state == Notification.Mail.SENT:
            self.sent += 1
        if self.count >= MARK_EVERY:
            self.flush()

    def flush(self):
        for state, pks in self.pending.items():
            extra = {"mailed_at": timezone.now()} if state == Notification.Mail.SENT else {}
            finish(pks, self.token, state, **extra)
        self.pending, self.count = {}, 0


def finish(pks, token, state, **fields):
    Notification.objects.filter(
        pk__in=pks, claimed_by=token, mail_state=Notification.Mail.SENDING
    ).update(mail_state=state, claimed_until=None, **fields)


def failed(row, token, error, now):
    """Record the failure; True if the mail will be tried again."""
    attempts = row.mail_attempts  # this attempt included (claim counted it)
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if attempts <= len(RETRY_DELAYS):
        row.next_attempt_at = now + RETRY_DELAYS[attempts - 1]
        finish(
            [row.pk],
            token,
            Notification.Mail.PENDING,
            next_attempt_at=row.next_attempt_at,
            mail_error=error_text,
        )
        return True
    finish([row.pk], token, Notification.Mail.FAILED, mail_error=error_text)
    return False


def absolute(site, path):
    return f"{site_scheme()}://{site.domain}{path}"


def build_message(row, *, address, site, connection=None):
    """The mail of one notification: plain text and HTML in the site's look, one-click
    unsubscribe for its kind (RFC 8058), and its calendar update if it has one."""
    unsubscribe = absolute(site, unsubscribe_path(row.recipient_id, row.kind))
    context = {
        "notification": row,
        "site": site,
        "name": row.recipient.public_name,
        "paragraphs": [part.strip() for part in row.text.split("\n\n") if part.strip()],
        "link": absolute(site, row.url),
        "home": absolute(site, "/"),
        "settings_link": absolute(site, "/notifications/settings/"),
        "unsubscribe": unsubscribe,
        "kind_label": Kind(row.kind).label,
    }
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=render_to_string("mail/notification.txt", context),
        to=[address],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<notification-{row.pk}@{site.domain.split(':')[0]}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("mail/notification.html", context), "text/html")
    if row.attachment:
        part = MIMEText(row.attachment.content, "calendar", "utf-8")
        for param in row.attachment.content_type.split(";")[1:]:
            name, _, value = param.strip().partition("=")
            part.set_param(name, value)
        part.add_header("Content-Disposition", "attachment", filename=row.attachment.filename)
        message.attach(part)
    return message


def recover_stale_tasks(now=None):
    """Tasks a killed worker left running past the lease are made ready again: each of ours is
    idempotent (the rows' keys and claims), so running one twice sends nothing twice."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=now - CLAIM_LEASE)
        .update(status="READY", started_at=None)
    )


def send_due(now=None):
    """Send every row whose mail is due (retries, and rows a dead sender left). Returns the
    number sent."""
    now = now or timezone.now()
    ids = list(Notification.objects.mail_due(now).order_by("pk").values_list("pk", flat=True))
    sent = 0
    for start in range(0, len(ids), BATCH):
        sent += send_batch(ids[start : start + BATCH], now)
    return sent
