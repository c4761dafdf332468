from django import template

from films.models import Film

register = template.Library()


@register.inclusion_tag("films/includes/latest_films.html")
def latest_films(count):
    """The home page's cards from the catalogue: fetched only when that part is built."""
    return {"films": list(Film.objects.for_cards()[:count])}
