import zlib

from django import template
from django.utils.html import format_html

from films.models import Film

register = template.Library()


@register.inclusion_tag("films/includes/latest_films.html")
def latest_films(count):
    """The home page's cards from the catalogue: fetched only when that part is built."""
    return {"films": list(Film.objects.for_cards()[:count])}


@register.filter
def link(item):
    """A person or company as a link to its page, or its name alone when it has none (nothing for
    None): one filter instead of a template's lookups for each of a film page's many names."""
    if item is None:
        return ""
    url = getattr(item, "get_absolute_url", None)
    return format_html('<a href="{}">{}</a>', url(), item.name) if url else item.name


# How many colours and motifs placeholders have (site.css: .poster-hue-N, .poster-motif-N).
PLACEHOLDER_HUES = 12
PLACEHOLDER_MOTIFS = 6


@register.filter
def poster_look(film):
    """The classes that give a film without a poster a placeholder of its own: a hue and a motif
    from its slug (CRC-32, the same in every process, unlike Python's salted hash())."""
    number = zlib.crc32(getattr(film, "slug", "").encode())
    hue, motif = number % PLACEHOLDER_HUES, number // PLACEHOLDER_HUES % PLACEHOLDER_MOTIFS
    return f"poster-hue-{hue} poster-motif-{motif}"
