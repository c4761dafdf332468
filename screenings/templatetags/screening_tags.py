import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from screenings.clock import local_clock
from screenings.models import Screening

register = template.Library()

# What a film's page lists, newest first: a popular film must not render its whole history.
FILM_PAGE_SCREENINGS = 10


@register.inclusion_tag("screenings/includes/film_screenings.html")
def film_screenings(film):
    """The screenings section of a film's page (the catalogue does not know screenings)."""
    return {"screenings": list(Screening.objects.featuring(film).for_list()[:FILM_PAGE_SCREENINGS])}


# As Django's json_script escapes, so no value can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(expects_localtime=True)
def clock(value):
    """8:31 pm, in the current time zone (wrap in {% timezone venue.time_zone %})."""
    return local_clock(value) if value else ""


@register.filter
def jsonld(value):
    """`value` as a JSON-LD data block (not executed, so a strict CSP allows it)."""
    text = json.dumps(value, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
