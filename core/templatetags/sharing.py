"""Template tags for pages shared on the web.

`{% share_meta title=… description=… image=… type=… %}`: the Open Graph and Twitter card tags
of a page and its canonical link (base.html's `share` block holds the site's defaults; a page
gives its own by overriding the block). `image` is a core.sharecard.ShareImage (a film's poster
or card: `film|share_image`), or a stored file (a member's avatar); without one, the site's
card. Every URL in them is absolute, on the site's canonical origin (core.links.site_url), as
the sitemap's and the feeds' are, whatever host the page was asked on.

`{{ data|jsonld }}`: a dict as a JSON-LD data block, which a strict CSP allows (it is not run).
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.links import site_url
from core.pagecache import page_parameters
from core.sharecard import ShareImage
from core.views import site_card_image

register = template.Library()

DEFAULT_DESCRIPTION = (
    "A community film club: a catalogue of films, members' reviews and outdoor screenings in "
    "the park."
)
# Longest description the tags carry (the cards show two or three lines of it).
DESCRIPTION_LENGTH = 300
# As Django's json_script escapes, so no value can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(value):
    """`value` as a JSON-LD data block (not executed, so a strict CSP allows it)."""
    text = json.dumps(value, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def origin(request):
    """ "https://films.example.org": the scheme and host a page was asked on (the key of a
    shared part that holds absolute URLs)."""
    return f"{request.scheme}://{request.get_host()}"


@register.simple_tag(takes_context=True)
def default_description(context):
    """base.html's meta description, where a page does not write its own: the one its view gives
    for sharing (`share_description`), else the site's."""
    return context.get("share_description") or DEFAULT_DESCRIPTION


def canonical_url(request):
    """The page's own absolute URL: its path, and its page number past the first (the other
    parameters are filters and searches, which are not pages of their own)."""
    # Read from the query string as the page cache reads it: request.GET refuses a query
    # string of too many fields, and error pages (the friendly 400 of that) show these tags too.
    page = dict(page_parameters(request)).get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return site_url(request.path) + query


def absolute(url):
    return url if url.startswith(("http://", "https://")) else site_url(url)


def as_share_image(image, title):
    if isinstance(image, ShareImage):
        return image
    if image:  # a stored file (an avatar): its size is not read, which would open the file
        return ShareImage(image.url, alt=title)
    return site_card_image()


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, title="", description="", image=None, type="website"):
    """The page's Open Graph and Twitter card tags (see the module's docstring)."""
    request = context.get("request")
    if request is None:  # an error page rendered without its request
        return {}
    site_name = settings.SITE_NAME
    picture = as_share_image(image, title or site_name)
    description = " ".join(str(description or DEFAULT_DESCRIPTION).split())
    if len(description) > DESCRIPTION_LENGTH:
        description = description[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return {
        "share": {
            "site_name": site_name,
            "title": title or site_name,
            "description": description,
            "type": type,
            "url": canonical_url(request),
            "image": absolute(picture.url),
            "image_width": picture.width,
            "image_height": picture.height,
            "image_alt": picture.alt,
        }
    }
