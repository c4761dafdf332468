"""What the screening side tells members, said in one place: a place given from the waitlist,
the rain call, the reminder the day before.

Each function is called inside the transaction that made the change and sends nothing until it
commits (a rolled-back change tells nobody). `tell()` is the one door to the mail.
"""

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from screenings.models import Screening


def site_url(path):
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{settings.SITE_DOMAIN}{path}"


def not_going_url(screening):
    """The page where a member going says they cannot come after all (signing in first)."""
    return site_url(reverse("screenings:cancel_rsvp", args=[screening.slug]))


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


def rain_call(screening, users):
    subjects = {
        Screening.RainCall.GO: f"On: {screening.title}, see you there",
        Screening.RainCall.MOVE: f"Moved to the rain date: {screening.title}",
        Screening.RainCall.CANCEL: f"Cancelled for the weather: {screening.title}",
    }
    tell(
        users,
        kind="rain-call",
        screening=screening,
        subject=subjects[screening.rain_call],
        template="screenings/mail/rain_call.txt",
        key=[screening.rain_call, screening.rain_called_at.isoformat()],
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
    """Tell each of `users` about `screening`, once the transaction commits: one text for all
    (rendered once, however many are told). `key` says what makes this message itself: the
    same kind, screening and key are never sent to a member twice."""
    text = render_to_string(
        template,
        {
            **(context or {}),
            "screening": screening,
            "page_url": site_url(screening.get_absolute_url()),
            "not_going_url": not_going_url(screening),
            "site_name": settings.SITE_NAME,
        },
    )
    messages = [
        mail.EmailMessage(
            subject=subject, body=text, to=[user.email], headers={"X-Filmclub-Kind": kind}
        )
        for user in users
        if user.email
    ]
    if messages:
        transaction.on_commit(lambda: mail.get_connection().send_messages(messages))
