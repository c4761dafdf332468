"""Notifications about a review or a comment that is deleted go with it: out of the inbox and the
bell's count, so that none leads to a page that is not there (and one that still does, opened,
says what is gone: views.open_notification).

A comment its author deleted but which stays as a placeholder for its replies is deleted as far
as its notifications go: theirs go the same way (placeholder_left), and one left behind, opened,
says "That comment was deleted." (still_there).

A review deleted takes its comments along, each a row with notifications of its own: their rows
are all deleted once the deletion commits, in two queries however many there are, not in one for
each (Gone)."""

import threading

from django.db import connection, transaction
from django.db.models import Q

from notifications.models import Notification
from notifications.sending import forget_unread_counts
from reviews.models import Comment

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
    if still_there(model).filter(pk=notification.target_id).exists():
        return None
    return f"That {model._meta.verbose_name} was deleted."


def still_there(model):
    """The rows of `model` a notification may lead to: not a comment kept as a placeholder for
    its replies (CommentQuerySet.not_deleted), which is a deleted comment to its readers."""
    if model is Comment:
        return Comment.objects.not_deleted()
    return model._default_manager.all()


def target_deleted(sender, instance, **kwargs):
    """post_delete of a target (a review, a comment): its notifications go when the deletion
    commits, with those of everything deleted in the same transaction."""
    gone = getattr(_current, "gone", None)
    if gone is None or not gone.waiting():
        gone = _current.gone = Gone()
        transaction.on_commit(gone, robust=True)
    gone.add(sender, instance.pk)


def placeholder_left(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """post_save of a comment: one its author deleted that stays as a placeholder for its
    replies (Comment.delete_by_author) takes its notifications as a deleted one does."""
    if raw or created or not instance.is_deleted:
        return
    if update_fields is not None and "is_deleted" not in update_fields:
        return
    target_deleted(sender, instance)
