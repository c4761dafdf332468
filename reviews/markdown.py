"""Members' text as HTML: reviews' Markdown, rendered and then sanitised with an explicit
allow-list, and comments' plain text.

Markdown lets raw HTML through, so its output is never trusted: nh3 keeps only the tags and
attributes below, only http(s) and mailto links, and marks every link nofollow ugc noopener.
"""

import threading

import markdown
import nh3
from django.utils.html import linebreaks, strip_tags, urlize
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "em", "strong", "del", "sup", "sub", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


_converters = threading.local()


def converter():
    """This thread's Markdown converter: building one loads every extension, which costs more
    than converting a review, so each thread builds it once and resets it between texts."""
    md = getattr(_converters, "md", None)
    if md is None:
        md = _converters.md = markdown.Markdown(
            extensions=["fenced_code", "tables", "sane_lists", "toc"],
            # The page's own <h1> is the review's title: a member's "# Heading" becomes an <h2>.
            extension_configs={"toc": {"baselevel": 2}},
            output_format="html",
        )
    return md


def render_markdown(text):
    """Markdown to HTML that is safe to show as is."""
    return sanitise(converter().reset().convert(text))


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def excerpt(html, words=40):
    """The first words of rendered HTML, as plain text (for cards and descriptions)."""
    return Truncator(strip_tags(html)).words(words)


def render_plain_text(text):
    """A comment's plain text as HTML: everything escaped, links made clickable (nofollow),
    blank lines made paragraphs."""
    return linebreaks(urlize(text, nofollow=True, autoescape=True)) if text else ""
