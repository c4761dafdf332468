"""Notifications about a review or a comment that is deleted go with it: out of the inbox and the
bell's count, so that none leads to a page that is not there (and one that still does, opened,
says what is gone: views.open_notification).

A review deleted takes its comments along, each a row with notifications of its own: their rows
are all deleted once the deletion commits, in two queries however many there are, not in one for
each (Gone)."""

import threading

from django.db import connection, transaction
from django.db.models import Q

from notifications.models import Notification
from notifications.sending import forget_unread_counts

# Targets in one statement at most (as many placeholders).
CHUNK = 500

_current = threading.local()


class Gone:
    """The targets deleted in the current transaction ({model: their pks}): their notifications
    are deleted when it commits (called by transaction.on_commit), and the bell of whoever had
    one unread counts again."""

    def __init__(self):
        self.targets = {}
        self.done = False

    def add(self, model, pk):
        self.targets.setdefault(model, []).append(pk)

    def waiting(self):
        """Whether it still waits for the transaction to commit: not run, nor dropped with a
        transaction rolled back (what it holds was not deleted then)."""
        return not self.done and any(entry[1] is self for entry in connection.run_on_commit)

    def __call__(self):
        self.done = True
        rows = Notification.objects.filter(self.condition())
        recipients = set(rows.unread().values_list("recipient_id", flat=True))
        rows.delete()
        forget_unread_counts(recipients)

    def condition(self):
        """Notifications pointing to any of the targets (by their type's name: no lookup of the
        ContentType first)."""
        found = Q(pk__in=[])
        for model, pks in self.targets.items():
            of_type = Q(
                target_type__app_label=model._meta.app_label,
                target_type__model=model._meta.model_name,
            )
            for start in range(0, len(pks), CHUNK):
                found |= of_type & Q(target_id__in=pks[start : start + CHUNK])
        return found


def gone_message(notification):
    """What opening `notification` says when the thing it points to is gone ("That comment was
    deleted."), or None when it is there."""
    model = notification.target_type.model_class()
    if model is None:
        return "That is gone."
    if model._default_manager.filter(pk=notification.target_id).exists():
        return None
    return f"That {model._meta.verbose_name} was deleted."


def target_deleted(sender, instance, **kwargs):
    """post_delete of a target (a review, a comment): its notifications go when the deletion
    commits, with those of everything deleted in the same transaction."""
    gone = getattr(_current, "gone", None)
    if gone is None or not gone.waiting():
        gone = _current.gone = Gone()
        transaction.on_commit(gone, robust=True)
    gone.add(sender, instance.pk)
