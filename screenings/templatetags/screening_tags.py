import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from screenings.models import local_clock

register = template.Library()

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
