"""Writes to a member's logs that are not the log form: the film page's quick rating."""

from django.db import transaction

from reviews.models import Review


@transaction.atomic
def rate(*, member, film, rating):
    """Give `film` the rating `rating` (1–10 half stars, or None to clear it) as `member`'s current
    rating: their latest log of the film takes it (current_ratings counts the latest rated log),
    or, if they have none, an undated log without text (the film marked seen and rated). Returns
    the log. Clearing with no log writes nothing and returns None."""
    latest = (
        Review.objects.select_for_update().filter(author=member, film=film).order_by("-pk").first()
    )
    if latest is None:
        if rating is None:
            return None
        log = Review(author=member, film=film, rating=rating)
        log.publish()
        log.full_clean(exclude=["slug"])  # save() makes it
        log.save()
        return log
    latest.rating = rating
    latest.save(update_fields=["rating", "updated_at"])
    return latest
