from django.apps import AppConfig


class SeasonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seasons"

    def ready(self):
        from django.db.models.signals import post_save

        from core.pagecache import invalidates
        from reviews.models import Review
        from seasons.audience import CheckIn, Verdict
        from seasons.models import Season, Second, Suggestion
        from seasons.scheduling import attach_published_note

        # Seasons' pages (`seasons`). A film's page shows its suggestions (`film:42`) with their
        # season's name and outcome (`season-facts`, bumped only by staff's rare season writes):
        # a member's second or ballot leaves the catalogue's pages as they are.
        invalidates(Season, lambda season: ["seasons", "season-facts"])
        invalidates(
            Suggestion,
            lambda s: ["seasons", f"film:{s.film_id}"] if s.film_id else ["seasons"],
        )
        invalidates(Second, lambda second: ["seasons"])
        # The audience: its screening's page, and (grades) the pages of the films it showed.
        # A check-in: its screening's page, and the "I was there" of its member (their page,
        # their reviews of the films it showed, which depend on those films).
        invalidates(CheckIn, check_in_tags)
        invalidates(Verdict, verdict_tags)
        post_save.connect(
            attach_published_note, sender=Review, dispatch_uid="seasons-attach-published-note"
        )


def check_in_tags(check_in):
    """Where the check-in shows: as a verdict does, and on its member's page."""
    return [*verdict_tags(check_in), f"user:{check_in.user_id}:attended"]


def verdict_tags(row):
    """A verdict's (or check-in's) screening and the films it showed."""
    from screenings.models import ProgrammeItem

    films = ProgrammeItem.objects.filter(screening_id=row.screening_id)
    return [
        f"screening:{row.screening_id}",
        *(f"film:{pk}" for pk in films.values_list("film_id", flat=True)),
    ]
