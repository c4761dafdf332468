"""Members' text as HTML: reviews' Markdown, rendered and then sanitised with an explicit
allow-list, and comments' plain text.

Reviews are GitHub-flavoured Markdown rendered by cmark-gfm (reviews.commonmark), in time
linear in their length however hostile. HTML tags written in a review are left out; what cmark
makes is still never trusted: nh3 keeps only the tags and attributes below, only http(s) and
mailto links, and marks every link nofollow ugc noopener.
"""

import re

import nh3
from django.utils.html import linebreaks, strip_tags, urlize
from django.utils.text import Truncator

from reviews.commonmark import markdown_to_html

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


# Elements nested deeper than this (a quotation in a quotation in …) are flattened into the
# deepest one kept: no review needs more, and HTML parsers slow down with depth squared
# (25,000 nested quotations, 50,000 characters of "> ", took nh3 15 s).
MAX_NESTING = 32
# cmark's own tags: lower-case names, attribute values escaped, no ">" inside.
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)([^>]*)>")
_VOID = {"br", "hr", "img", "input"}
_HEADINGS = {f"h{level}": f"h{min(level + 1, 6)}" for level in range(1, 7)}


def render_markdown(text):
    """Markdown to HTML that is safe to show as is."""
    return sanitise(reshape(markdown_to_html(text))).strip()


def reshape(html):
    """cmark's HTML with every heading one level down (the page's own <h1> is the review's
    title: a member's "# Heading" becomes an <h2>, h6 stays h6), nothing nested deeper than
    MAX_NESTING, and no empty link address. Only for cmark's output, whose tags are
    well-formed and balanced."""
    kept = []  # for each open element, whether its tags are kept

    def retag(match):
        closing, name, rest = match.groups()
        if name in _VOID:
            return match.group()
        if closing:
            keep = kept.pop() if kept else True
        else:
            keep = len(kept) < MAX_NESTING
            kept.append(keep)
        if not keep:
            return ""
        if name == "a":
            rest = rest.replace(' href=""', "")  # a javascript: or data: link cmark emptied
        return f"<{closing}{_HEADINGS.get(name, name)}{rest}>"

    return _TAG.sub(retag, html)


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
    """A comment's (or a list description's) plain text as HTML: everything escaped, links
    made clickable (nofollow), blank lines made paragraphs."""
    return linebreaks(urlize(text, nofollow=True, autoescape=True)) if text else ""
