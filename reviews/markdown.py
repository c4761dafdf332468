"""Members' Markdown, rendered and then sanitised with an explicit allow-list.

Markdown lets raw HTML through, so its output is never trusted: nh3 keeps only the tags and
attributes below, only http(s) and mailto links, and marks every link nofollow ugc noopener.
"""

import markdown
import nh3

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


def render_markdown(text):
    """Markdown to HTML that is safe to show as is."""
    html = markdown.markdown(
        text,
        extensions=["fenced_code", "tables", "sane_lists", "toc"],
        # The page's own <h1> is the review's title: a member's "# Heading" becomes an <h2>.
        extension_configs={"toc": {"baselevel": 2}},
        output_format="html",
    )
    return sanitise(html)


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
