"""What members are told of screenings: those going, when one is cancelled, postponed, moved or
its programme changes (what changed, the time now, and the calendar event updated in place: the
same UID, the new SEQUENCE; METHOD:CANCEL for a cancellation); those who asked for them, when a
new one is announced."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.contrib.sites.models import Site
from django.utils import timezone
from icalendar import vCalAddress, vText

from films.models import Film
from notifications.models import Kind, opted_in
from notifications.sending import absolute, notify
from screenings.clock import local_clock
from screenings.feeds import calendar_for
from screenings.models import Screening, Venue
from screenings.querysets import has_ended, has_started


def when(screening, moment=None):
    """Saturday 5 July 2025, film at dusk, about 8:31 pm: the way the club writes a start."""
    moment = (moment or screening.starts_at).astimezone(screening.venue.tz)
    day = f"{moment:%A} {moment.day} {moment:%B %Y}"
    if screening.starts_at_dusk and moment == screening.starts_at:
        return f"{day}, film at dusk, about {local_clock(moment)}"
    return f"{day}, {local_clock(moment)}"


def decode(changes):
    """The task's JSON arguments back to values."""
    decoded = dict(changes)
    if decoded.get("starts_at"):
        decoded["starts_at"] = datetime.datetime.fromisoformat(decoded["starts_at"])
    return decoded


def what_changed(screening, changes):
    """(subject's first words, the lines of the mail) for `changes` (screenings.signals)."""
    lines = []
    status = Screening.Status(screening.status)
    headline = "Changed"
    if status == Screening.Status.CANCELLED:
        headline = "Cancelled"
        lines.append(f"This screening is cancelled: {screening.status_reason}")
    elif status == Screening.Status.POSTPONED:
        headline = "Postponed"
        lines.append(
            f"This screening is postponed: {screening.status_reason}\n"
            "We will tell you when it has a new date."
        )
    elif "status" in changes and status == Screening.Status.RESCHEDULED:
        headline = "Rescheduled"
        lines.append(f"This screening is rescheduled: {screening.status_reason}")
    elif "status" in changes:
        headline = "On again"
        lines.append("This screening is on again, as announced.")
    if changes.get("starts_at") and not screening.is_called_off:
        if headline == "Changed":
            headline = "New time"
        lines.append(
            f"New time: {when(screening)} (it was {when(screening, changes['starts_at'])})."
        )
    if "venue_id" in changes:
        before = Venue.objects.filter(pk=changes["venue_id"]).first()
        if headline == "Changed":
            headline = "New place"
        lines.append(
            f"New place: {screening.venue.name}, {screening.venue.place}"
            + (f" (it was {before.name})." if before else ".")
        )
    if "programme" in changes:
        before = {film.pk: film.title for film in Film.objects.filter(pk__in=changes["programme"])}
        if headline == "Changed":
            headline = "Programme change"
        lines.append(
            "The programme is now: "
            + ", then ".join(film.title for film in screening.programme())
            + " (it was: "
            + ", then ".join(before[pk] for pk in changes["programme"] if pk in before)
            + ")."
        )
    if not screening.is_called_off:
        venue = screening.venue
        lines.append(f"When: {when(screening)}\nWhere: {venue.name}, {venue.place}")
    return headline, lines


def calendar_update(screening, site):
    """The .ics that updates the member's calendar event in place."""
    calendar = calendar_for([screening], lambda path: absolute(site, path), name=screening.title)
    del calendar["METHOD"]
    cancelled = screening.status == Screening.Status.CANCELLED
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(site.name or name)
    for event in calendar.walk("VEVENT"):
        event.add("organizer", organizer)
    return calendar.to_ical()


def tell_going_about_change(screening_id, sequence, changes):
    """Everyone going to the screening, once for this SEQUENCE; a change overtaken by a later
    one is left to the later one's task, which says how things stand."""
    screening = Screening.objects.for_detail().filter(pk=screening_id).first()
    if screening is None or screening.sequence != sequence:
        return 0
    going = list(screening.rsvps.values_list("user_id", flat=True))
    if not going:
        return 0
    site = Site.objects.get_current()
    headline, lines = what_changed(screening, decode(changes))
    day = screening.local_starts_at
    title = f"{screening.title} at {screening.venue.name}"
    subject = f"{headline}: {title}, {day:%A} {day.day} {day:%B}"
    text = "\n\n".join([title, *lines, "The updated calendar event is attached."])
    return notify(
        going,
        Kind.SCREENING_CHANGED,
        screening,
        subject=subject,
        text=text,
        ics=calendar_update(screening, site),
        key_parts=[sequence],
    )


def change_to_tell(screening, changes, now=None):
    """Whether members going hear of `changes` (screenings.signals) to `screening`: not when
    its start was moved into the past (staff entering it for the archive), nor once it has
    ended (staff mending the archive); as nothing is announced or reminded once it has started.
    A screening still to begin costs no query here."""
    now = now or timezone.now()
    if not has_started(screening, now):
        return True
    return "starts_at" not in changes and not has_ended(screening, now)


def announceable(screening, now=None):
    """A screening members hear of when it is made: going ahead, and still to begin."""
    return screening.status in Screening.GOING_AHEAD and screening.starts_at > (
        now or timezone.now()
    )


def tell_about_new_screening(screening_id):
    """Every active member who turned announcements on, once per screening (the key is the
    screening's alone: a second run, a later save or a new time tells nobody again), if it is
    still going ahead and to come when the worker gets to it. Returns how many were told."""
    screening = Screening.objects.for_detail().filter(pk=screening_id).first()
    if screening is None or not announceable(screening):
        return 0
    members = list(opted_in(Kind.ANNOUNCEMENT))
    if not members:
        return 0
    venue = screening.venue
    day = screening.local_starts_at
    title = f"{screening.title} at {venue.name}"
    films = ", then ".join(film.title for film in screening.programme())
    lines = [
        title,
        f"New on the club's programme: {films or 'a screening'}.",
        f"When: {when(screening)}\nWhere: {venue.name}, {venue.place}",
        "Admission is free"
        + (f" ({screening.capacity:,} places)" if screening.capacity else "")
        + ": say on its page that you are going.",
    ]
    return notify(
        members,
        Kind.ANNOUNCEMENT,
        screening,
        subject=f"New screening: {title}, {day:%A} {day.day} {day:%B}",
        text="\n\n".join(lines),
    )
