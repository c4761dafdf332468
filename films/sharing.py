"""A film shared on the web: the picture its links show (its poster, or a card the site draws
with its title, original title and year) and the facts search engines read (JSON-LD `Movie`)."""

from django.conf import settings

from core.links import reverse_one
from core.sharecard import CARD_SIZE, Line, ShareImage, digest, render_card
from films.images import PLACEHOLDER_HUE_DEGREES, placeholder_look
from films.models import POSTER_LARGE_SIZE, CrewCredit

# What a film's card shows: all a card needs to be drawn, and to know its version.
CARD_FIELDS = ("pk", "slug", "title", "original_title", "original_title_lang", "year")
ORIGINAL_TITLE_SIZE = 56
# The cast a film's JSON-LD names, by billing: the stars, not every extra.
JSONLD_ACTORS = 10


def card_version(film):
    """`film-42-<digest of what the card shows>`: the card's name in the storage and its
    version in its URL, new whenever a change to the film would change the picture."""
    facts = [getattr(film, field) or "" for field in CARD_FIELDS]
    return f"film-{film.pk}-{digest(*facts, settings.SITE_NAME)}"


def card_url(film):
    return f"{reverse_one('films:card', 'slug', film.slug)}?v={card_version(film)}"


def film_share_image(film):
    """The film's poster (the page's size, 2:3) where it has one, otherwise its card."""
    if film.poster_large:
        return ShareImage(film.poster_large.url, *POSTER_LARGE_SIZE, alt=f"Poster for {film.title}")
    return ShareImage(card_url(film), *CARD_SIZE, alt=str(film))


def render_film_card(film):
    """The card's PNG: the title large, the original title in its own script, the year, on the
    hue of the film's placeholder poster (films.images.placeholder_look)."""
    hue, _motif = placeholder_look(film.slug)
    lines = []
    if film.original_title and film.original_title != film.title:
        lines.append(Line(film.original_title, film.original_title_lang, ORIGINAL_TITLE_SIZE))
    if film.year:
        lines.append(Line(str(film.year)))
    return render_card(
        film.title, lines=lines, hue=PLACEHOLDER_HUE_DEGREES[hue], site_name=settings.SITE_NAME
    )


def person(person, absolute_url):
    return {"@type": "Person", "name": person.name, "url": absolute_url(person.get_absolute_url())}


def schema_org_movie(film, page, absolute_url):
    """The film as a schema.org Movie (JSON-LD), from what its page already fetched (`page`,
    a films.views.FilmPage: no query of its own). `absolute_url` turns a path into a full URL."""
    directors = [c.person for c in page.crew if c.role == CrewCredit.Role.DIRECTOR]
    data = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": film.title,
        "url": absolute_url(film.get_absolute_url()),
        "image": absolute_url(film_share_image(film).url),
        "director": [person(director, absolute_url) for director in directors],
        "actor": [person(credit.person, absolute_url) for credit in page.cast[:JSONLD_ACTORS]],
    }
    # Made in its year (as the catalogue dates films), first shown on its release date.
    if film.year or film.release_date:
        data["dateCreated"] = str(film.year or film.release_date.year)
    if film.release_date:
        data["datePublished"] = film.release_date.isoformat()
    optional = {
        "alternateName": film.original_title,
        "description": film.synopsis,
        "genre": film.genre,
        "duration": f"PT{film.runtime_minutes}M" if film.runtime_minutes else "",
        "countryOfOrigin": [{"@type": "Country", "name": name} for name in page.countries],
        "inLanguage": page.languages,
    }
    data.update({key: value for key, value in optional.items() if value})
    return data
