"""The rules that involve a screening's programme: the admin's inline formset calls them with the
films being submitted, before anything is saved."""

import datetime

from django.core.exceptions import ValidationError

from films.models import Film
from screenings.clock import local_clock
from screenings.models import Screening
from screenings.runtime import programme_runtime


def check_programme(screening, films):
    """Refuse a programme without a feature, or one that overlaps another screening."""
    if not any(film.kind == Film.Kind.FEATURE for film in films):
        raise ValidationError(
            "A programme needs a feature: add the feature film (any short plays before it).",
            code="no_feature",
        )
    if screening.is_called_off:
        return
    starts = screening.starts_at
    ends = starts + datetime.timedelta(minutes=programme_runtime(films))
    for other in overlapping(screening, starts, ends):
        tz = screening.venue.tz
        raise ValidationError(
            f"{screening.venue} already has “{other.title}” from "
            f"{local_clock(other.starts_at.astimezone(tz))} to "
            f"{local_clock(other.ends_at.astimezone(tz))} on "
            f"{other.local_starts_at:%Y-%m-%d}; this programme would run "
            f"{local_clock(starts.astimezone(tz))} to {local_clock(ends.astimezone(tz))}. "
            "Two screenings at one venue cannot overlap.",
            code="overlap",
        )


def overlapping(screening, starts, ends):
    """Other live screenings at `screening`'s venue whose programme runs into [starts, ends)."""
    # Nothing the club shows runs two days, so older screenings cannot reach `starts`.
    candidates = (
        Screening.objects.filter(
            venue_id=screening.venue_id,
            starts_at__lt=ends,
            starts_at__gt=starts - datetime.timedelta(days=2),
        )
        .exclude(status__in=screening.CALLED_OFF)
        .exclude(pk=screening.pk)
        .for_list()
        .order_by("starts_at")
    )
    return [other for other in candidates if other.ends_at > starts]
