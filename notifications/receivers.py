"""Where notifications listen to the apps below them. Each receiver only queues a task when the
change commits: the request does no more than that, however many members are to be told (the
screening side's own messages, members_told, come with their recipients and text: their rows are
written at once, in the sender's transaction, and mailed from the worker)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.signals import news_for_members
from notifications import gone, tasks
from notifications.about_screenings import announceable, change_to_tell
from notifications.models import Kind
from notifications.sending import notify, remember_unread_count
from reviews.models import Comment, Review
from screenings.models import Screening
from screenings.signals import members_told, screening_changed


@receiver(post_save, sender=Comment, dispatch_uid="notifications-comment-posted")
def comment_posted(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: tasks.comment_posted.enqueue(instance.pk))


@receiver(post_save, sender=Review, dispatch_uid="notifications-review-hidden")
@receiver(post_save, sender=Comment, dispatch_uid="notifications-comment-hidden")
def item_hidden(sender, instance, raw=False, update_fields=None, **kwargs):
    # hide() saves these fields; the admin's form saves them all. Hiding again for the same
    # reason tells nobody twice (the notification's key holds the reason).
    if raw or not instance.is_hidden:
        return
    if update_fields is not None and "is_hidden" not in update_fields:
        return
    label = instance._meta.label
    transaction.on_commit(lambda: tasks.item_hidden.enqueue(label, instance.pk))


# A review or a comment deleted (a review takes its comments along): its notifications go too.
post_delete.connect(gone.target_deleted, sender=Review, dispatch_uid="notifications-review-gone")
post_delete.connect(gone.target_deleted, sender=Comment, dispatch_uid="notifications-comment-gone")
# So does a comment deleted by its author and kept as a placeholder for its replies.
post_save.connect(
    gone.placeholder_left, sender=Comment, dispatch_uid="notifications-comment-placeholder"
)


@receiver(screening_changed, dispatch_uid="notifications-screening-changed")
def screening_was_changed(sender, screening, changes, **kwargs):
    if not change_to_tell(screening, changes):
        return
    arguments = {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in changes.items()
    }
    pk, sequence = screening.pk, screening.sequence
    transaction.on_commit(lambda: tasks.screening_changed.enqueue(pk, sequence, arguments))


@receiver(post_save, sender=Screening, dispatch_uid="notifications-screening-announced")
def screening_announced(sender, instance, created, raw=False, **kwargs):
    """A new screening, going ahead and to come (staff's, a duplicate, a season's winner), is
    announced once it commits: its programme is saved by then (the admin's inlines)."""
    if created and not raw and announceable(instance):
        transaction.on_commit(lambda: tasks.screening_announced.enqueue(instance.pk))


@receiver(members_told, dispatch_uid="notifications-members-told")
def members_were_told(sender, kind, screening, members, subject, text, key, **kwargs):
    """The screening side's messages (a place from the waitlist, a go ahead, the reminder): an
    inbox entry each, in the same transaction, mailed once it commits."""
    notify(members, Kind(kind), screening, subject=subject, text=text, key_parts=key)


# By its label: notifications imports nothing of members, which stands beside it (the layers).
@receiver(post_save, sender="members.Follow", dispatch_uid="notifications-member-followed")
def member_followed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        pair = instance.follower_id, instance.followed_id
        transaction.on_commit(lambda: tasks.member_followed.enqueue(*pair))


@receiver(news_for_members, dispatch_uid="notifications-news-for-members")
def news_was_sent(sender, kind, target, members, subject, text, url, key, **kwargs):
    """News from an app above screenings (a season's winners): told by a task once the sender's
    transaction commits (a kind not declared fails at once, in the sender's transaction)."""
    arguments = (Kind(kind).value, target._meta.label, target.pk, list(members))
    words = (subject, text, url, list(key))
    transaction.on_commit(lambda: tasks.tell_news.enqueue(*arguments, *words))


def new_member_has_nothing_unread(sender, instance, created, raw=False, **kwargs):
    """A new member's unread count is known (none): their first pages spend no query on it."""
    if created and not raw:
        remember_unread_count(instance.pk, 0)
