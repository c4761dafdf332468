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
