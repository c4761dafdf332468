"""Who has a place at a screening: RSVPs up to the capacity, then a waitlist in order.

Every change takes the screening's row lock first (SELECT ... FOR UPDATE), so concurrent
answers, withdrawals and capacity changes take turns: a place is never given twice, and when
one frees up the first member waiting gets it in the same transaction. The rule the functions
keep: while anyone waits, no place is free.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from screenings import announce
from screenings.attendance import RSVP, WaitlistEntry
from screenings.models import Screening


def lock(screening):
    """The screening's row, locked until the transaction ends (call inside one)."""
    return (
        Screening.objects.select_related("venue")
        .select_for_update(of=("self",))
        .get(pk=screening.pk)
    )


NOT_TAKING = "not taking RSVPs."


def check_open(locked):
    """Raise ValidationError unless `locked` takes RSVPs and joins to its waitlist: going ahead,
    and not ended (Screening.takes_rsvps)."""
    if not locked.takes_rsvps:
        raise ValidationError(f"This screening is {NOT_TAKING}", code="closed")


def refusal_message(error, screening):
    """What a member is told when `error` refused their answer: its own words, and for a
    screening called off, which (cancelled or postponed), so they know why."""
    if getattr(error, "code", None) == "closed" and screening.is_called_off:
        called_off = screening.get_status_display().lower()
        return f"This screening was {called_off}, so it is {NOT_TAKING}"
    return " ".join(error.messages)


def is_full(locked):
    return locked.capacity is not None and locked.rsvps.count() >= locked.capacity


@transaction.atomic
def take_rsvp(*, screening, user):
    """Record that `user` is going, never beyond the capacity nor ahead of anyone waiting, even
    under concurrent requests. Returns the RSVP, or raises ValidationError: also for a member
    already going, once the screening takes no RSVPs (called off or ended), so that an old tab's
    answer tells them so rather than that they are going."""
    locked = lock(screening)
    check_open(locked)
    existing = RSVP.objects.filter(screening=locked, user=user).first()
    if existing:
        return existing
    if is_full(locked) or locked.waitlist.exclude(user=user).exists():
        raise ValidationError("Sorry, this screening is full.", code="full")
    locked.waitlist.filter(user=user).delete()
    return RSVP.objects.create(screening=locked, user=user)


@transaction.atomic
def withdraw_rsvp(*, screening, user):
    """The member is not going after all; their place goes to the first member waiting.
    Returns whether they had said they were going."""
    locked = lock(screening)
    deleted, _ = RSVP.objects.filter(screening=locked, user=user).delete()
    if deleted:
        give_free_places(locked)
    return deleted > 0


@transaction.atomic
def join_waitlist(*, screening, user):
    """Put `user` at the end of the queue of a full screening. Where a place is free after all
    (the page was out of date), they get it: returns the RSVP, else the WaitlistEntry."""
    locked = lock(screening)
    check_open(locked)
    if RSVP.objects.filter(screening=locked, user=user).exists():
        raise ValidationError("You are already going.", code="going")
    if not is_full(locked) and not locked.waitlist.exists():
        return RSVP.objects.create(screening=locked, user=user)
    entry, _created = WaitlistEntry.objects.get_or_create(screening=locked, user=user)
    return entry


@transaction.atomic
def leave_waitlist(*, screening, user):
    """Returns whether `user` was waiting."""
    locked = lock(screening)
    deleted, _ = locked.waitlist.filter(user=user).delete()
    return deleted > 0


@transaction.atomic
def give_free_places(screening):
    """Give each free place to the first member waiting, and tell them (when the transaction
    commits). Call after anything that frees places: a withdrawal, a capacity raised or removed,
    an RSVP deleted in the admin. Returns the RSVPs made."""
    locked = lock(screening)
    if not locked.takes_rsvps:
        return []
    waiting = locked.waitlist.select_related("user")
    if locked.capacity is not None:
        free = locked.capacity - locked.rsvps.count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    entries = list(waiting)
    if not entries:
        return []
    WaitlistEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
    # One by one (a few places at a time), so each save bumps the page's cache tag.
    given = [RSVP.objects.create(screening=locked, user=entry.user) for entry in entries]
    announce.place_given(locked, given)
    return given
