"""Members saying they are going to a screening, and taking it back."""

from django.core.exceptions import ValidationError
from django.db import transaction

from screenings.models import RSVP, Screening


@transaction.atomic
def take_rsvp(*, screening, user):
    """Record that `user` is going, never beyond the capacity, even under concurrent requests.

    The screening's row is locked (SELECT ... FOR UPDATE) while the places are counted, so two
    members answering at the same moment take turns. Returns the RSVP, or raises ValidationError.
    """
    locked = Screening.objects.select_for_update().get(pk=screening.pk)
    existing = RSVP.objects.filter(screening=locked, user=user).first()
    if existing:
        return existing
    if not locked.takes_rsvps:
        raise ValidationError("This screening is not taking RSVPs.", code="closed")
    if locked.capacity is not None and locked.rsvps.count() >= locked.capacity:
        raise ValidationError("Sorry, this screening is full.", code="full")
    return RSVP.objects.create(screening=locked, user=user)


def withdraw_rsvp(*, screening, user):
    """The member is not going after all. Returns whether they had said they were."""
    deleted, _ = RSVP.objects.filter(screening=screening, user=user).delete()
    return deleted > 0
