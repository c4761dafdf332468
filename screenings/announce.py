"""What the screening side tells members, said in one place: a place given from the waitlist,
the rain call, the reminder the day before.

Each function is called inside the transaction that made the change and sends nothing until it
commits (a rolled-back change tells nobody). `tell()` is the one door to the notifications app.

A rain call that moves or cancels a screening is told by the notifications app itself, with the
updated calendar event, as every change of a screening's time or status is (screening_changed):
only a go ahead, which changes neither, is told from here.
"""

from functools import partial

from django.contrib.sites.models import Site
from django.template.loader import render_to_string

from core.links import site_scheme
from screenings.models import Screening
from screenings.not_going import not_going_path
from screenings.signals import members_told


def site_url(path):
    """`path` on the site's own domain (the Sites record, as the notifications' links)."""
    return f"{site_scheme()}://{Site.objects.get_current().domain}{path}"


# Where a message's text names its reader's own "can't come" link (made per member in tell()).
NOT_GOING_MARK = "\x00not-going-link\x00"


def not_going_url(member_id, screening):
    """The member's own page to say they cannot come after all: no sign-in needed (a signed
    link, screenings.not_going)."""
    return site_url(not_going_path(member_id, screening.pk))


def with_own_link(text, screening, member_id):
    """`text` with the member's own "can't come" link where it names it."""
    return text.replace(NOT_GOING_MARK, not_going_url(member_id, screening))


def place_given(screening, rsvps):
    """Each member given a place from the waitlist (the RSVPs just made) is told."""
    for rsvp in rsvps:
        tell(
            [rsvp.user],
            kind="waitlist",
            screening=screening,
            subject=f"A place is yours: {screening.title}",
            template="screenings/mail/place_given.txt",
            key=[rsvp.pk],
        )


def went_ahead(screening, members):
    """The rain call said go: everyone going hears it (no calendar changes, so nothing else
    tells them)."""
    tell(
        members,
        kind="screening",
        screening=screening,
        subject=f"On: {screening.title} at {screening.venue.name}, see you there",
        template="screenings/mail/went_ahead.txt",
        key=["go", screening.rain_called_at.isoformat()],
    )


def reminder(screening, users, context):
    """`context`: the `rain_call` note and the `day` (“Tomorrow”) as of the run."""
    tell(
        users,
        kind="reminder",
        screening=screening,
        subject=f"{context['day']}: {screening.title} at {screening.venue.name}",
        template="screenings/mail/reminder.txt",
        context=context,
        key=[screening.date.isoformat()],
    )


def tell(users, *, kind, screening, subject, template, context=None, key=()):
    """Tell each of `users` about `screening`: one text for all, rendered once however many are
    told, handed to the notifications app (members_told), which records an inbox entry each and
    mails them from the worker once the transaction commits. `key` says what makes this message
    itself: the same kind, screening and key never reach a member twice. A text naming the
    "can't come" link gets each member's own (the rest is the same for all)."""
    members = [getattr(user, "pk", user) for user in users]
    if not members:
        return
    text = render_to_string(
        template,
        {
            **(context or {}),
            "screening": screening,
            "not_going_url": NOT_GOING_MARK,
        },
    ).strip()
    if NOT_GOING_MARK in text:
        text = partial(with_own_link, text, screening)

    members_told.send(
        sender=Screening,
        kind=kind,
        screening=screening,
        members=members,
        subject=subject,
        text=text,
        key=[str(part) for part in key],
    )
