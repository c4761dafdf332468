"""The social side's parts of other apps' pages: `{% film_wanted film %}`, how many members
want to see a film (the film page: the catalogue does not know the members app)."""

from django import template

from members.follows import wanted_count

register = template.Library()


@register.inclusion_tag("members/includes/film_wanted.html")
def film_wanted(film):
    """ "N members want to see it": the same for everyone (a film page's shared part), kept
    until a watchlist entry of the film changes (`film:<pk>:wanted`)."""
    return {"film": film, "wanted": wanted_count(film)}
