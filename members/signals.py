"""What members' own things do when something else changes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from members.models import WatchlistEntry
from reviews.models import Review


@receiver(post_save, sender=Review, dispatch_uid="members-logged-off-watchlist")
def logged_film_leaves_watchlist(sender, instance, created, raw=False, **kwargs):
    """Logging a film (any new log: dated, rated or reviewed) takes it off the member's watchlist:
    they have seen it. Loading fixtures (raw) leaves the watchlist alone."""
    if created and not raw:
        seen = WatchlistEntry.objects.filter(member_id=instance.author_id, film_id=instance.film_id)
        seen.delete()
