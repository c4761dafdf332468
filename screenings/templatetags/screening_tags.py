from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.baked import baked
from screenings.clock import day_word, local_clock
from screenings.listing import with_programmes
from screenings.models import Screening
from screenings.querysets import LONGEST_PROGRAMME, has_ended, has_started, is_under_way
from screenings.raincall import call_to_come, rain_call_note, short_clock
from screenings.row_html import Names, row_html, status_html, when_html

register = template.Library()

# What a film's page lists, newest first: a popular film must not render its whole history.
FILM_PAGE_SCREENINGS = 10
# next_among's answer when a film's latest screenings may not hold its next one.
NOT_AMONG = object()


@register.inclusion_tag("screenings/includes/film_screenings.html", takes_context=True)
def film_screenings(context, film):
    """The screenings section of a film's page (the catalogue does not know screenings): those
    to come, soonest first, then the past ones, newest first."""
    coming, past = [], []
    for screening in latest_of_film(context, film):  # newest first
        (past if has_ended(screening) else coming).append(screening)
    coming.reverse()
    return {"screenings": coming + past, "coming": coming, "past": past}


def latest_of_film(context, film):
    """The film's latest FILM_PAGE_SCREENINGS screenings, newest first, with their programmes:
    fetched once for the page's two places that show them (its next screening, its list)."""
    key = ("film_screenings", film.pk)
    rows = context.render_context.get(key)
    if rows is None:
        rows = context.render_context[key] = with_programmes(list(screenings_featuring(film.pk)))
    return rows


def next_among(latest, now):
    """The film's next screening (the soonest going ahead and not ended: next_screening_of's
    rule) from its `latest` screenings, newest first; None for none; NOT_AMONG when `latest` may
    not hold it: a full list whose oldest began too recently to have surely ended."""
    complete = len(latest) < FILM_PAGE_SCREENINGS or (
        latest[-1].starts_at <= now - LONGEST_PROGRAMME
    )
    if not complete:
        return NOT_AMONG
    to_come = [
        screening
        for screening in latest
        if screening.status in Screening.GOING_AHEAD and not has_ended(screening, now)
    ]
    return min(to_come, key=lambda screening: (screening.starts_at, screening.pk), default=None)


@baked
def screenings_featuring(film_id):
    """As for_list() gives them but for their programmes (with_programmes: kept SQL too)."""
    return Screening.objects.featuring(film_id).for_list_rows()[:FILM_PAGE_SCREENINGS]


@baked
def next_screening_of(film_id, now):
    screenings = Screening.objects.featuring(film_id).going_ahead().upcoming(now)
    return screenings.select_related("venue")[:1]


def _names(context):
    """One page's day and month names (row_html.Names), shared by all its rows."""
    names = context.render_context.get("screening_names")
    if names is None:
        names = context.render_context["screening_names"] = Names()
    return names


@register.simple_tag(takes_context=True)
def screening_row(context, screening):
    """A screening in a list (screenings.row_html)."""
    return mark_safe(row_html(screening, _names(context)))


@register.simple_tag(takes_context=True)
def screening_when(context, screening):
    """When a screening starts, in its venue's time (screenings.row_html)."""
    return mark_safe(when_html(screening, _names(context)))


@register.simple_tag(takes_context=True)
def screening_status(context, screening):
    """The banner of a screening cancelled, postponed or moved, or "" (screenings.row_html)."""
    return mark_safe(status_html(screening, _names(context)))


@register.inclusion_tag("screenings/includes/film_next_screening.html", takes_context=True)
def film_next_screening(context, film):
    """The film page's top panel: when and where the club next shows the film (a screening
    called off is not next), with its venue; nothing when none is to come. Found among the
    screenings the page lists (latest_of_film), or by a query of its own when they may not
    hold it."""
    now = timezone.now()
    screening = next_among(latest_of_film(context, film), now)
    if screening is NOT_AMONG:
        screening = next(iter(next_screening_of(film.pk, now)), None)
    if screening is None:
        return {"screening": None, "day": ""}
    # Upcoming at `now`, so not ended: under way once started, without reading its programme.
    under_way = has_started(screening, now)
    return {
        "screening": screening,
        "day": day_word(screening.local_starts_at, now, under_way=under_way),
    }


@register.filter
def screening_day(screening):
    """“On now” while it is under way, “Tonight”, “Today” (a film before the evening) or
    “Tomorrow”, else "" (clock.day_word)."""
    now = timezone.now()
    return day_word(screening.local_starts_at, now, under_way=is_under_way(screening, now))


@register.filter
def kicker(screening):
    """What the screening's page is headed with: “Past screening” once it has ended, its day
    word (screening_day: “On now” while under way) while it goes ahead, else “Screening”."""
    if has_ended(screening):
        return "Past screening"
    day = "" if screening.is_called_off else screening_day(screening)
    return day or "Screening"


@register.filter(expects_localtime=True)
def clock(value):
    """8:31 pm, in the current time zone (wrap in {% timezone venue.time_zone %})."""
    return local_clock(value) if value else ""


@register.filter
def call_clock(value):
    """1 pm: a call time, in the venue's zone (rain_call_at is aware, in it)."""
    return short_clock(value) if value else ""


@register.filter
def rain_call_to_come(screening):
    """Whether the rain call is still to be made (raincall.call_to_come): a call time, no call
    yet, going ahead and not started."""
    return call_to_come(screening)


@register.simple_tag
def rain_call(screening):
    """“Rain call at 1 pm today”, “On: see you at dusk”… (screenings.raincall), or ""."""
    return rain_call_note(screening)
