from html import escape

from django import template
from django.utils.safestring import SafeString

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
    if not url:
        return item.name
    # format_html()'s own escaping (html.escape), without its checks for lazy text (a page
    # has dozens of links).
    return SafeString(f'<a href="{escape(url())}">{escape(item.name)}</a>')


@register.simple_tag
def cast_section(cast):
    """The Cast section: the actor, as whom, the character's other names and a note; nothing
    for a film without a cast. Written in Python, as the accolade rows are: a template's loop
    resolved about ten variables for each of a film's credits."""
    return credits_section("cast", "Cast", "ul", "credit-list", [cast_row(c) for c in cast])


def cast_row(credit):
    parts = ["<li>", link(credit.person)]
    if credit.character:
        parts.append(f' as <span class="character">{escape(credit.character)}</span>')
    if credit.character_other_names:
        parts.append(f' <span class="note">({escape(credit.character_other_names)})</span>')
    if credit.note:
        parts.append(f' — <span class="note">{escape(credit.note)}</span>')
    parts.append("</li>")
    return "".join(parts)


@register.simple_tag
def crew_section(crew_by_role):
    """The Crew section: each role, then its people with their notes."""
    rows = []
    for role, credits in crew_by_role:
        rows.append(f"<dt>{escape(str(role))}</dt>")
        for credit in credits:
            note = f' <span class="note">— {escape(credit.note)}</span>' if credit.note else ""
            rows.append(f"<dd>{link(credit.person)}{note}</dd>")
    return credits_section("crew", "Crew", "dl", "crew-list", rows)


def credits_section(key, heading, list_tag, list_class, rows):
    if not rows:
        return ""
    items = "\n".join(rows)
    return SafeString(
        f'<section aria-labelledby="{key}-heading">\n<h2 id="{key}-heading">{heading}</h2>\n'
        f'<{list_tag} class="{list_class}">\n{items}\n</{list_tag}>\n</section>'
    )


@register.simple_tag
def accolade_rows(accolades):
    """A ceremony's accolades as rows of its table (category, recipient, result): written in
    Python, as a film's page has dozens (a template's loop cost 2.6 ms of its ~35)."""
    return SafeString("\n".join(accolade_row(accolade) for accolade in accolades))


def accolade_row(accolade):
    # An unknown result is a dash, read out as "not known" (Accolade.result_shown).
    label = escape(accolade.result_shown) or (
        '<span aria-hidden="true">—</span><span class="visually-hidden">not known</span>'
    )
    return (
        f"<tr><td>{escape(accolade.category)}</td><td>{recipient(accolade)}</td>"
        f'<td><span class="result result-{escape(accolade.result)}">{label}</span></td></tr>'
    )


def recipient(accolade):
    if accolade.person:
        return link(accolade.person)
    return f'<span class="note">{escape(accolade.unnamed_recipient)}</span>'


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
