"""Scheduling a closed season's winners: one screening each, on the next free evening."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reviews.models import Review
from screenings.models import ProgrammeItem, Screening
from screenings.programme import check_programme
from seasons.models import Suggestion

# An indoor venue's film starts at this time (an outdoor one at dusk, its sunset).
INDOOR_START = datetime.time(20, 0)


def free_evenings(season, *, after):
    """(venue, date) pairs with no screening going ahead, from `after` to the season's last
    day: evening by evening, and on each evening the season's venues by name."""
    venues = list(season.venues.order_by("name", "pk"))
    first = max(season.starts_on, after)
    taken = set(
        Screening.objects.going_ahead()
        .filter(venue__in=venues, date__gte=first, date__lte=season.ends_on)
        .values_list("venue_id", "date")
    )
    day = first
    while day <= season.ends_on:
        for venue in venues:
            if (venue.pk, day) not in taken:
                yield venue, day
        day += datetime.timedelta(days=1)


def draft_screening(venue, day, film):
    """A screening of `film` at `venue` on `day`, at dusk outdoors (None if the sun does not
    set there that day), or at INDOOR_START."""
    screening = Screening(venue=venue, date=day)
    if venue.is_outdoor:
        screening.starts_at_dusk = True
    else:
        screening.start_time = INDOOR_START
    try:
        screening.compute_times()
    except ValueError:
        return None
    return screening


def draft_note(suggestion, *, author):
    """The winning pitch of `suggestion` as a draft review of its film by `author`."""
    by = suggestion.suggested_by.name_with_handle if suggestion.suggested_by else "a member"
    return Review.objects.create(
        film=suggestion.film,
        author=author,
        title=f"Why the members chose {suggestion.film.title}",
        body=f"{suggestion.pitch}\n\n*Suggested by {by} for {suggestion.season.name}, and "
        "chosen by the members' vote.*",
        status=Review.Status.DRAFT,
    )


@transaction.atomic
def schedule_winners(season, *, author, today=None):
    """One screening per winner of `season` not yet scheduled, in the order they won: the film
    (its runtime with it), the next free evening at one of the season's venues (at dusk), and
    the winning pitch as its programme note: a draft by `author`, which the screening's page
    shows once staff publish it. Returns the new screenings; raises ValidationError."""
    if not season.is_closed:
        raise ValidationError(f"{season} is not closed: count the votes first.")
    winners = list(
        season.suggestions.filter(won_place__isnull=False, screening__isnull=True)
        .select_related("film", "suggested_by")
        .order_by("won_place")
    )
    missing = [str(s) for s in winners if s.film_id is None]
    if missing:
        raise ValidationError(
            "Add to the catalogue first (the suggestions' action): " + ", ".join(missing) + "."
        )
    after = (today or timezone.localdate()) + datetime.timedelta(days=1)
    evenings = free_evenings(season, after=after)
    scheduled = []
    for suggestion in winners:
        note = draft_note(suggestion, author=author)
        for venue, day in evenings:
            screening = draft_screening(venue, day, suggestion.film)
            if screening is None:
                continue
            screening.programme_note = note
            try:
                check_programme(screening, [suggestion.film])
            except ValidationError as error:
                if error.code == "overlap":  # a screening the evening before runs late
                    continue
                raise
            screening.full_clean()
            screening.save()
            break
        else:
            raise ValidationError(
                f"No free evening is left at {season}'s venues before {season.ends_on:%Y-%m-%d} "
                f"for {suggestion}."
            )
        ProgrammeItem.objects.create(screening=screening, film=suggestion.film, order=1)
        suggestion.screening = screening
        suggestion.programme_note = note
        suggestion.save(update_fields=["screening", "programme_note"])
        scheduled.append(screening)
    return scheduled


def attach_published_note(sender, instance, raw=False, update_fields=None, **kwargs):
    """(post_save of Review) A winner's draft note, once published, becomes its screening's
    programme note."""
    review = instance
    if raw or not review.is_published or review.is_hidden:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    for suggestion in Suggestion.objects.filter(
        programme_note=review, screening__programme_note__isnull=True
    ).select_related("screening__venue"):
        suggestion.screening.programme_note = review
        suggestion.screening.save()
