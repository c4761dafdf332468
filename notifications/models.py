"""What the club tells a member: one row per member and thing to tell, the on-site inbox entry
and the state of its mail at once.

The row is the source of truth for the mail: its unique `key` (member + kind + object + what
makes this telling unique, e.g. a screening's calendar SEQUENCE) means a retry, a second worker or
a task run twice never makes a second row, and a row's mail is claimed by one sender at a time
(`claim_mail`), so it is sent once.
"""

import datetime
import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# A sender holds a row's mail this long; past it, the sender is taken to have died (a worker
# killed mid-batch) and the row is sent again by whoever sweeps (drain_tasks).
CLAIM_LEASE = datetime.timedelta(minutes=10)
# Waits before each new attempt after an SMTP failure; once they are used up, the mail failed.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
]


class Kind(models.TextChoices):
    """What a notification is about; each is a mail a member can turn off (Preference)."""

    COMMENT = "comment", "A comment on my review"
    REPLY = "reply", "A reply to my comment"
    HIDDEN = "hidden", "Staff hid my review or comment"
    SCREENING_CHANGED = "screening", "A screening I’m going to is cancelled, moved or changed"
    REMINDER = "reminder", "A reminder the day before a screening I’m going to"
    ANNOUNCEMENT = "announcement", "A new screening is announced"
    WAITLIST = "waitlist", "A place frees up for me on a waitlist"
    FOLLOWED = "followed", "Someone followed me"
    SUGGESTION_CHOSEN = "chosen", "The members chose my suggestion for a season"


# Kinds a member is told of only if they turn them on, in the inbox and by mail (opted_in).
TOLD_IF_CHOSEN = frozenset({Kind.ANNOUNCEMENT})
# Mail a member gets unless they turn it off; the others only if they turn them on (a new
# follower is in the inbox all the same).
MAILED_BY_DEFAULT = frozenset(set(Kind) - TOLD_IF_CHOSEN - {Kind.FOLLOWED})


class Attachment(models.Model):
    """A file mailed with notifications (a calendar update): stored once, however many members
    it goes to."""

    filename = models.CharField(max_length=100)
    content_type = models.CharField(max_length=100, help_text="e.g. text/calendar; method=REQUEST")
    content = models.TextField()

    def __str__(self):
        return self.filename


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_inbox(self, user):
        """The member's inbox, newest first."""
        return self.filter(recipient=user).order_by("-created_at", "-pk")

    def mail_due(self, now=None):
        """Rows whose mail is to be sent now: waiting and due, or claimed by a sender that has
        not finished within the lease (it died)."""
        now = now or timezone.now()
        return self.filter(
            Q(mail_state=Notification.Mail.PENDING, next_attempt_at__lte=now)
            | Q(mail_state=Notification.Mail.SENDING, claimed_until__lt=now)
        )

    def mail_failed_since(self, since):
        """Mail given up on (its retries used up) whose last attempt was due on or after
        `since`: a failure is recorded at that attempt, and `next_attempt_at` says when it was
        due (a "send again" sets it to the moment staff asked)."""
        return self.filter(mail_state=Notification.Mail.FAILED, next_attempt_at__gte=since)


class Notification(models.Model):
    class Mail(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (retries used up)"
        OFF = "off", "Not mailed: turned off by the member"
        NO_ADDRESS = "no-address", "Not mailed: no verified address"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    subject = models.CharField(max_length=200, help_text="The mail's subject and the inbox line.")
    text = models.TextField(help_text="What happened, in plain text (the mail's body).")
    url = models.CharField(max_length=500, help_text="The thing's page, a path on this site.")
    attachment = models.ForeignKey(
        Attachment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    key = models.CharField(
        max_length=200,
        unique=True,
        help_text="Member, kind, object and what makes this telling unique: never twice.",
    )
    mail_state = models.CharField(max_length=12, choices=Mail, default=Mail.PENDING)
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    claimed_by = models.CharField(max_length=32, blank=True, editable=False)
    mailed_at = models.DateTimeField(null=True, blank=True)
    mail_error = models.TextField(blank=True, help_text="The last SMTP error, if any.")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["mail_state", "next_attempt_at"], name="notification_mail_due"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient}: {self.subject}"

    def get_absolute_url(self):
        """Opening it marks it read, then goes to the thing."""
        return reverse("notifications:open", kwargs={"pk": self.pk})

    @staticmethod
    def make_key(*, recipient_id, kind, target_type_id, target_id, parts=()):
        """The idempotency key; long ones are shortened to a digest that keeps them unique."""
        key = ":".join(
            str(part) for part in (kind, target_type_id, target_id, recipient_id, *parts)
        )
        if len(key) > 200:
            key = f"{key[:120]}#{hashlib.sha256(key.encode()).hexdigest()}"
        return key


class Preference(models.Model):
    """A member's choice of whether a kind of notification is mailed (the inbox gets them all)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {'mailed' if self.email else 'not mailed'}"


def mailed_kinds(user_ids):
    """{user id: set of kinds mailed to them}, in one query."""
    chosen = {}
    for user_id, kind, email in Preference.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "kind", "email"
    ):
        chosen.setdefault(user_id, {})[kind] = email
    return {
        user_id: {
            kind for kind in Kind if chosen.get(user_id, {}).get(kind, kind in MAILED_BY_DEFAULT)
        }
        for user_id in user_ids
    }


def opted_in(kind):
    """Ids of the active members who turned on `kind`, one told only if chosen (TOLD_IF_CHOSEN,
    as announcements): they alone are told of it, in the inbox and by mail."""
    if kind not in TOLD_IF_CHOSEN:
        raise ValueError(f"{kind} is told to everyone concerned, in the inbox at least.")
    return (
        Preference.objects.filter(kind=kind, email=True, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def set_mailed(user, kind, email):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"email": email})


def target_type_of(target):
    return ContentType.objects.get_for_model(target, for_concrete_model=True)
