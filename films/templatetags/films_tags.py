import zlib

from django import template

from films.models import Film

register = template.Library()


@register.inclusion_tag("films/includes/latest_films.html")
def latest_films(count):
    """The home page's cards from the catalogue: fetched only when that part is built."""
    return {"films": list(Film.objects.for_cards()[:count])}


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
