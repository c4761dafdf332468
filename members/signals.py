"""What members' own things do when something else changes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from members.models import WatchlistEntry
from reviews.models import Review
from reviews.signals import mark_logged


@receiver(post_save, sender=Review, dispatch_uid="members-logged-off-watchlist")
def logged_film_leaves_watchlist(sender, instance, created, raw=False, **kwargs):
    """Logging a film (any new log: dated, rated or reviewed) takes it off the member's watchlist:
    they have seen it. Loading fixtures (raw) leaves the watchlist alone."""
    if created and not raw:
        leave_watchlist(instance)


@receiver(mark_logged, sender=Review, dispatch_uid="members-marked-logged-off-watchlist")
def marked_film_logged_leaves_watchlist(sender, log, **kwargs):
    """A log saved over the film's bare mark (reviews.logs.save_new_log) is a new log too."""
    leave_watchlist(log)


def leave_watchlist(log):
    seen = WatchlistEntry.objects.filter(member_id=log.author_id, film_id=log.film_id)
    seen.delete()
