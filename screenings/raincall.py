"""The rain call: on the day of an outdoor screening, at its call time (the screening's, else its
venue's), staff decide whether it goes ahead, moves to its rain date, or is cancelled; and what
the pages, the calendar and the reminder say of it before and after.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from screenings import announce
from screenings.clock import local_clock
from screenings.models import Screening
from screenings.programme import check_programme
from screenings.querysets import has_ended, has_started
from screenings.rsvps import lock

RainCall = Screening.RainCall


def short_clock(moment):
    """1 pm, 1:30 pm: how a call time is said (“decision at 1 pm on the day”)."""
    return local_clock(moment).replace(":00 ", " ")


def call_to_come(screening, now=None):
    """Whether the rain call is still to be made: the screening has a call time, goes ahead, has
    not been called and has not started (make_call refuses a call from then on)."""
    return (
        screening.rain_call_at is not None
        and not screening.rain_call
        and not screening.is_called_off
        and not has_started(screening, now)
    )


def rain_call_note(screening, now=None):
    """“Rain call at 1 pm today” (or “tomorrow”, “on the day”) until staff call it, “On: see
    you at dusk” once they said go; "" without a call time, once it moved to the rain date, once
    it has started without a call (none can be made), or for a screening past or called off (a
    move or a cancellation is said by the status's banner)."""
    if has_ended(screening, now) or screening.is_called_off:
        return ""
    if screening.rain_call == RainCall.GO:
        if screening.starts_at_dusk:
            return "On: see you at dusk"
        return f"On: see you at {local_clock(screening.local_starts_at)}"
    if not call_to_come(screening, now):  # moved (the banner says it), no call time, or started
        return ""
    call = screening.rain_call_at
    today = (now or timezone.now()).astimezone(screening.venue.tz).date()
    if screening.date == today:
        return f"Rain call at {short_clock(call)} today"
    if screening.date == today + datetime.timedelta(days=1):
        return f"Rain call at {short_clock(call)} tomorrow"
    if screening.date > today:
        return f"Rain call at {short_clock(call)} on the day"
    return ""


@transaction.atomic
def make_call(screening, *, call, reason="", now=None):
    """Staff's weather decision for `screening`: go ahead, move to the rain date (the date
    changes, RSVPs and the waitlist stay with it, the status becomes rescheduled and the calendar
    SEQUENCE rises), or cancel. Everyone going is told once the decision is committed. Returns the
    screening as saved; raises ValidationError when the call cannot be made: on the screening's
    day only (at the venue), until its film starts (querysets.has_started; "has ended" once it
    has ended, querysets.has_ended)."""
    now = now or timezone.now()
    locked = lock(screening)
    if has_ended(locked, now):
        raise ValidationError(f"{locked} has ended: there is no rain call to make.", code="ended")
    if has_started(locked, now):
        raise ValidationError(
            f"{locked} has already started: the rain call is made before the film starts.",
            code="started",
        )
    if locked.status not in Screening.GOING_AHEAD:
        raise ValidationError(
            f"{locked}: only a screening to come that is going ahead can be called.",
            code="closed",
        )
    if now.astimezone(locked.venue.tz).date() < locked.date:
        raise ValidationError(
            f"{locked}: the rain call is made on the day of the screening "
            f"({locked.date:%A}, {locked.date:%B} {locked.date.day}), not before.",
            code="too_early",
        )
    if call == RainCall.MOVE:
        move_to_rain_date(locked, reason)
    elif call == RainCall.CANCEL:
        locked.status = Screening.Status.CANCELLED
        locked.status_reason = reason or "Called off because of the weather."
    elif call != RainCall.GO:
        raise ValidationError(f"“{call}” is not a rain call.", code="invalid")
    locked.rain_call = call
    locked.rain_called_at = now
    # A move or a cancellation changes the start or the status: the save tells everyone going,
    # with the calendar event updated (screening_changed); a go ahead changes neither.
    locked.save()
    if call == RainCall.GO:
        announce.went_ahead(locked, list(locked.rsvps.values_list("user", flat=True)))
    return locked


def move_to_rain_date(locked, reason):
    if locked.rain_date is None:
        raise ValidationError(
            f"{locked} has no rain date: give it one first, or cancel.", code="no_rain_date"
        )
    was = locked.local_starts_at
    locked.date, locked.rain_date = locked.rain_date, None
    locked.status = Screening.Status.RESCHEDULED
    locked.status_reason = reason or (
        f"Moved to the rain date because of the weather on {was:%A}, {was:%B} {was.day}."
    )
    try:
        locked.compute_times()
    except ValueError:
        raise ValidationError(
            f"It does not get dark at {locked.venue} on the rain date: give a start time.",
            code="no_dusk",
        ) from None
    check_programme(locked, locked.programme())
