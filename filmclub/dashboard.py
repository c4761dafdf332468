"""What needs staff, for the top of the admin's index: the fortnight's screenings, what moderators
hid, seed files that changed since they were loaded, and mail that failed this past week."""

import datetime
import hashlib
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from filmclub.models import SeedFile
from notifications.models import Notification
from reviews.models import Comment, Review
from screenings.models import Screening

# How far ahead the dashboard lists screenings.
DASHBOARD_AHEAD = datetime.timedelta(days=14)
# How far back it counts mail that failed.
MAIL_FAILURES_SINCE = datetime.timedelta(days=7)


def changed_seed_files():
    """Seed files whose content differs from what `loadseeds` last loaded, or that it never
    loaded (it compares the same SHA-256 digests): `manage.py loadseeds` would load them."""
    loaded = dict(SeedFile.objects.values_list("name", "sha256"))
    paths = sorted(Path(settings.FIXTURE_DIRS[0]).glob("*.json"))
    return [
        path.name
        for path in paths
        if loaded.get(path.name) != hashlib.sha256(path.read_bytes()).hexdigest()
    ]


def needs_staff(user, now=None):
    """The dashboard's parts this member may see (by model permission), in a fixed number of
    queries."""
    now = now or timezone.now()
    parts = {}
    if user.has_perm("screenings.view_screening"):
        parts["screenings"] = list(
            Screening.objects.upcoming(now).filter(starts_at__lt=now + DASHBOARD_AHEAD).for_list()
        )
    if user.has_perm("reviews.view_review"):
        parts["hidden_reviews"] = Review.objects.filter(is_hidden=True).count()
    if user.has_perm("reviews.view_comment"):
        parts["hidden_comments"] = Comment.objects.filter(is_hidden=True).count()
    if user.has_perm("filmclub.view_seedfile"):
        parts["changed_seeds"] = changed_seed_files()
    parts.update(mail_failures(user, now - MAIL_FAILURES_SINCE))
    return parts


def mail_failures(user, since):
    """The mails given up on since `since` and the background tasks (which decide who is told
    and send the mail) that failed, each with the admin's list of them: one query each."""
    parts = {}
    if user.has_perm("notifications.view_notification"):
        parts["failed_mail"] = Notification.objects.mail_failed_since(since).count()
        parts["failed_mail_url"] = changelist(
            Notification,
            mail_state__exact=Notification.Mail.FAILED,
            next_attempt_at__gte=since.isoformat(),
        )
    if user.has_perm(f"{DBTaskResult._meta.app_label}.view_dbtaskresult"):
        failed = DBTaskResult.objects.failed().filter(finished_at__gte=since)
        parts["failed_tasks"] = failed.count()
        parts["failed_tasks_url"] = changelist(
            DBTaskResult,
            status__exact=TaskResultStatus.FAILED,
            finished_at__gte=since.isoformat(),
        )
    return parts


def changelist(model, **filters):
    """The address of `model`'s admin list, filtered."""
    opts = model._meta
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{urlencode(filters)}"
