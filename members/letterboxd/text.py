"""Letterboxd's review text as the club's Markdown.

Letterboxd keeps a review as HTML-ish text: paragraphs as blank lines or <p>, <br>, <i>/<em>,
<b>/<strong>, <a href>, <blockquote>, and entities (&amp;). Each known tag becomes its Markdown,
every other tag is dropped with its attributes (its text kept, but for scripts and styles),
links keep only http(s) addresses, and control characters go. The club renders the result
through its own sanitiser (reviews.markdown), so nothing here has to be trusted as HTML.
"""

import re
from html.parser import HTMLParser

from reviews.models import BODY_MAX_LENGTH

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLANK_LINES = re.compile(r"\n{3,}")
# Elements whose text is no text of the review.
SKIPPED = {"script", "style", "template"}
INLINE = {"i": "*", "em": "*", "b": "**", "strong": "**"}


class ToMarkdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.links = []
        self.quote = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in INLINE:
            self.out.append(INLINE[tag])
        elif tag == "br":
            self.out.append("\n")
        elif tag == "p":
            self.out.append("\n\n")
        elif tag == "blockquote":
            self.quote += 1
            self.out.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            safe = href.startswith(("https://", "http://")) and not re.search(r"[\s()<>]", href)
            self.links.append(href if safe else None)
            if safe:
                self.out.append("[")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in INLINE:
            self.out.append(INLINE[tag])
        elif tag == "p":
            self.out.append("\n\n")
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.out.append(f"]({href})")

    def handle_data(self, data):
        if self.skipping:
            return
        if self.quote:
            data = data.replace("\n", "\n> ")
            if not self.out or self.out[-1].endswith("\n"):
                data = "> " + data.lstrip()
        self.out.append(data)


def review_markdown(text):
    """Letterboxd's review `text` as Markdown (see the module's doc), at most BODY_MAX_LENGTH."""
    parser = ToMarkdown()
    parser.feed(CONTROL.sub("", text.replace("\r\n", "\n")))
    parser.close()
    markdown = BLANK_LINES.sub("\n\n", "".join(parser.out)).strip()
    return markdown[:BODY_MAX_LENGTH].strip()
