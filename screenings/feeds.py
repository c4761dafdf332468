"""iCalendar (RFC 5545) files: one per screening, and the subscribable feed of them all."""

import datetime
import functools

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vText

from films.validators import strip_control_characters
from screenings.clock import local_clock
from screenings.models import Screening

ICS_STATUS = {
    Screening.Status.SCHEDULED: "CONFIRMED",
    Screening.Status.RESCHEDULED: "CONFIRMED",
    Screening.Status.POSTPONED: "TENTATIVE",
    Screening.Status.CANCELLED: "CANCELLED",
}


def calendar_for(screenings, absolute_url, *, name="filmclub screenings"):
    """A VCALENDAR of `screenings` (from for_detail() or for_list()), with the VTIMEZONE of
    every venue zone they use, so times stay right across daylight-saving changes."""
    calendar = Calendar()
    calendar.add("prodid", "-//filmclub//screenings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", strip_control_characters(name))
    dates = []
    for screening in screenings:
        calendar.add_component(event_for(screening, absolute_url))
        dates.append(screening.starts_at.date())
    if dates:
        # Timezone rules for the span of the events only, to keep the file small.
        first_year = (min(dates) - datetime.timedelta(days=366)).year
        last_year = (max(dates) + datetime.timedelta(days=366)).year
        zones = []
        for tzid in sorted(calendar.get_missing_tzids()):
            try:
                zones.append(vtimezone(tzid, first_year, last_year))
            except ValueError:
                continue
        calendar.subcomponents[0:0] = zones
    return calendar


@functools.lru_cache(maxsize=256)
def vtimezone(tzid, first_year, last_year):
    """The VTIMEZONE of `tzid` for whole years. Making one walks the zone's offsets hour by
    hour (tens of milliseconds), so each process makes it once; nothing changes it afterwards."""
    return Timezone.from_tzid(
        tzid,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year, 12, 31),
    )


def event_for(screening, absolute_url):
    tz = screening.venue.tz
    venue = screening.venue
    page = absolute_url(screening.get_absolute_url())
    event = Event()
    event.add("uid", f"screening-{screening.pk}@filmclub")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("created", screening.created_at.astimezone(datetime.UTC))
    event.add("last-modified", screening.updated_at.astimezone(datetime.UTC))
    event.add("sequence", screening.sequence)
    event.add("dtstart", screening.starts_at.astimezone(tz))
    event.add("dtend", screening.ends_at.astimezone(tz))
    summary = screening.title
    if screening.is_called_off:
        summary = f"{screening.get_status_display()}: {summary}"
    event.add("summary", summary)
    event.add("status", ICS_STATUS[screening.status])
    event.add("location", f"{venue.name}, {venue.place}" if venue.place else venue.name)
    event.add("geo", (float(venue.latitude), float(venue.longitude)))
    event.add("url", page)
    event.add("description", description_for(screening, page))
    event.add("transp", "OPAQUE")
    # RFC 5545 text holds no control characters; text saved before they were refused may.
    for name in ("summary", "location", "description"):
        event[name] = vText(strip_control_characters(str(event[name])))
    return event


def description_for(screening, page):
    tz = screening.venue.tz
    lines = []
    if screening.status != Screening.Status.SCHEDULED:
        lines.append(f"{screening.get_status_display()}: {screening.status_reason}")
        lines.append("")
    lines.append("Programme:")
    for number, film in enumerate(screening.programme(), start=1):
        facts = [film.get_kind_display().lower()]
        if film.year:
            facts.insert(0, str(film.year))
        if film.runtime_minutes:
            facts.append(f"{film.runtime_minutes} min")
        lines.append(f"{number}. {film.title} ({', '.join(facts)})")
    lines.append("")
    if screening.doors_at:
        lines.append(f"Doors open {local_clock(screening.doors_at.astimezone(tz))}.")
    if screening.starts_at_dusk:
        lines.append(f"Film at dusk, about {local_clock(screening.starts_at.astimezone(tz))}.")
    lines.append("Free admission.")
    lines.append(page)
    return "\n".join(lines)
