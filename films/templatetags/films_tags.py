from django import template
from django.utils.html import format_html, format_html_join

from films.images import placeholder_look
from films.models import Film
from films.sharing import film_share_image

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


ACCOLADE_ROW = '<tr><td>{}</td><td>{}</td><td><span class="result result-{}">{}</span></td></tr>'


@register.simple_tag
def accolade_rows(accolades):
    """A ceremony's accolades as rows of its table (category, recipient, result): written in
    Python, as a film's page has dozens (a template's loop cost 2.6 ms of its ~35)."""
    return format_html_join(
        "\n",
        ACCOLADE_ROW,
        (
            (accolade.category, recipient(accolade), accolade.result, accolade.get_result_display())
            for accolade in accolades
        ),
    )


def recipient(accolade):
    if accolade.person:
        return link(accolade.person)
    return format_html('<span class="note">{}</span>', accolade.unnamed_recipient)


@register.filter
def poster_look(film):
    """The classes that give a film without a poster a placeholder of its own (site.css:
    .poster-hue-N, .poster-motif-N)."""
    hue, motif = placeholder_look(getattr(film, "slug", ""))
    return f"poster-hue-{hue} poster-motif-{motif}"


@register.filter
def share_image(film):
    """The picture a link to `film` shows when shared: its poster, or its card (None for no
    film: the site's card)."""
    return film_share_image(film) if film else None
