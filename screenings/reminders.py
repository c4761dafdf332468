"""The reminder the day before: at the venue's reminder hour on the eve of a screening, every
member going gets the time, the way there, what to bring, the house rules, the accessibility
notes, the rain call and a link to say they cannot come after all.

`send_due_reminders()` is what the worker's periodic run or cron calls (`manage.py
send_reminders`); run it as often as you like: a Reminder row per member and screening day,
written in the same transaction as the sending is queued, with the screening's row locked, means
nobody is reminded twice, even by two machines at once.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from screenings import announce
from screenings.attendance import RSVP, Reminder
from screenings.clock import day_word
from screenings.models import Screening
from screenings.raincall import rain_call_note
from screenings.rsvps import lock

# A reminder goes out on the day before, so the screenings to look at start within two days.
LOOKAHEAD = datetime.timedelta(days=2)


def reminder_moment(screening):
    """When the reminder for `screening` is due: its venue's reminder hour the day before."""
    venue = screening.venue
    eve = screening.date - datetime.timedelta(days=1)
    return datetime.datetime.combine(eve, venue.reminder_time, tzinfo=venue.tz)


def due(now=None):
    """Screenings going ahead, not yet started, whose reminder hour has come."""
    now = now or timezone.now()
    candidates = (
        Screening.objects.going_ahead()
        .filter(starts_at__gt=now, starts_at__lte=now + LOOKAHEAD)
        .select_related("venue")
        .order_by("starts_at", "pk")
    )
    return [screening for screening in candidates if reminder_moment(screening) <= now]


def send_due_reminders(now=None):
    """Remind everyone going to each screening whose reminder is due; returns how many members
    were reminded (0 when run again)."""
    now = now or timezone.now()
    return sum(remind(screening, now=now) for screening in due(now))


@transaction.atomic
def remind(screening, *, now=None):
    """Remind the members going to `screening` who have not been reminded of its day yet."""
    locked = lock(screening)
    detailed = Screening.objects.for_detail().get(pk=locked.pk)
    # Two plain index scans, whatever the planner's statistics (an anti-join planned on stale
    # ones took seconds for 5,000 members).
    reminded = set(
        Reminder.objects.filter(screening=locked, date=locked.date).values_list("user", flat=True)
    )
    going = RSVP.objects.filter(screening=locked).order_by("pk").values_list("user", flat=True)
    due_ids = [user_id for user_id in going if user_id not in reminded]
    if not due_ids:
        return 0
    members = list(get_user_model().objects.filter(pk__in=due_ids).order_by("pk"))
    Reminder.objects.bulk_create(
        Reminder(screening=locked, user=user, date=locked.date, sent_at=now or timezone.now())
        for user in members
    )
    context = {
        "rain_call": rain_call_note(detailed, now),
        "day": day_word(detailed.local_starts_at, now) or "Coming up",
    }
    announce.reminder(detailed, members, context)
    return len(members)
