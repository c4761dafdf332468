from django import template

from screenings.clock import local_clock
from screenings.models import Screening
from screenings.raincall import rain_call_note, short_clock

register = template.Library()

# What a film's page lists, newest first: a popular film must not render its whole history.
FILM_PAGE_SCREENINGS = 10


@register.inclusion_tag("screenings/includes/film_screenings.html")
def film_screenings(film):
    """The screenings section of a film's page (the catalogue does not know screenings)."""
    return {"screenings": list(Screening.objects.featuring(film).for_list()[:FILM_PAGE_SCREENINGS])}


@register.inclusion_tag("screenings/includes/film_next_screening.html")
def film_next_screening(film):
    """The film page's top panel: when and where the club next shows the film (a screening
    called off is not next), with its venue, in one query; nothing when none is to come."""
    screening = (
        Screening.objects.featuring(film).going_ahead().upcoming().select_related("venue").first()
    )
    return {"screening": screening, "day": screening.day_word() if screening else ""}


@register.filter(expects_localtime=True)
def clock(value):
    """8:31 pm, in the current time zone (wrap in {% timezone venue.time_zone %})."""
    return local_clock(value) if value else ""


@register.filter
def call_clock(value):
    """1 pm: a call time, in the venue's zone (rain_call_at is aware, in it)."""
    return short_clock(value) if value else ""


@register.simple_tag
def rain_call(screening):
    """“Rain call at 1 pm today”, “On: see you at dusk”… (screenings.raincall), or ""."""
    return rain_call_note(screening)
