"""What members' own things do when something else changes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from members.models import WatchlistEntry
from reviews.models import Review
from reviews.signals import film_logging, mark_logged

# What a member is told when logging a film takes it off their watchlist.
OFF_WATCHLIST = "It is off your watchlist: you have seen it."


@receiver(post_save, sender=Review, dispatch_uid="members-logged-off-watchlist")
def logged_film_leaves_watchlist(sender, instance, created, raw=False, **kwargs):
    """Logging a film (any new log: dated, rated or reviewed) takes it off the member's watchlist:
    they have seen it. Loading fixtures (raw) leaves the watchlist alone."""
    if created and not raw:
        leave_watchlist(instance.author_id, instance.film_id)


@receiver(mark_logged, sender=Review, dispatch_uid="members-marked-logged-off-watchlist")
def marked_film_logged_leaves_watchlist(sender, log, **kwargs):
    """A log saved over the film's bare mark (reviews.logs.save_new_log) is a new log too."""
    leave_watchlist(log.author_id, log.film_id)


@receiver(film_logging, sender=Review, dispatch_uid="members-logging-off-watchlist")
def logging_film_leaves_watchlist(sender, member, film, **kwargs):
    """A member logging a film from their own form: off their watchlist now (the log follows in
    the same transaction), and the form's message says so."""
    if leave_watchlist(member.pk, film.pk):
        return OFF_WATCHLIST
    return None


def leave_watchlist(member_id, film_id):
    """Take the film off the member's watchlist; True if it was on it."""
    deleted, _ = WatchlistEntry.objects.filter(member_id=member_id, film_id=film_id).delete()
    return bool(deleted)
