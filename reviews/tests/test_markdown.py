"""The sanitiser: what members write is rendered, and nothing hostile survives."""

import json
import re
import resource
import time
from pathlib import Path

import pytest

from reviews.markdown import MAX_NESTING, render_markdown
from reviews.models import Review

# HTML written in a review is left out (cmark's safe mode): inline tags lose their tags, a block
# of HTML becomes a paragraph of its text (scripts and styles left out); links keep only http(s)
# and mailto addresses.
HOSTILE = [
    ("<script>alert(1)</script>", ""),
    ("Hi <script>alert(1)</script> there", "<p>Hi alert(1) there</p>"),
    ('<img src="x" onerror="alert(1)">', ""),
    ('<a href="https://example.org" onclick="alert(1)">x</a>', "<p>x</p>"),
    ("[click](javascript:alert(1))", '<p><a rel="nofollow ugc noopener">click</a></p>'),
    ("[click](JaVaScRiPt:alert(1))", '<p><a rel="nofollow ugc noopener">click</a></p>'),
    # Not a scheme: an address relative to the page, harmless.
    (
        "[click](java&#09;script:alert(1))",
        '<p><a href="java%09script:alert(1)" rel="nofollow ugc noopener">click</a></p>',
    ),
    ('<a href="java&#09;script:alert(1)">x</a>', "<p>x</p>"),
    (
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<p><a rel="nofollow ugc noopener">data</a></p>',
    ),
    ("[ftp](ftp://example.org/file)", '<p><a rel="nofollow ugc noopener">ftp</a></p>'),
    ("<svg onload=alert(1)><circle r=1></svg>", "<p></p>"),
    ('<iframe src="https://evil.example"></iframe>', ""),
    ("<style>body{display:none}</style>", ""),
    ("<div>\n<script>alert(1)</script>Kept &amp; <b>shown</b>\n</div>", "<p>Kept &amp; shown</p>"),
    ('<p style="color:red">red</p>', "<p>red</p>"),
    ("<b>unclosed <i>tags", "<p>unclosed tags</p>"),
    ("<scr<script>ipt>alert(1)</script>", "<p>&lt;script&gt;alert(1)</p>"),
    ('<a href="https://example.org" rel="opener">x</a>', "<p>x</p>"),
    (
        '[x](https://example.org "t\\" onmouseover=\\"alert(1)")',
        '<p><a href="https://example.org" title="t&quot; onmouseover=&quot;alert(1)" '
        'rel="nofollow ugc noopener">x</a></p>',
    ),
    ("<!-- a comment --> text", "<p>text</p>"),
    ('<form action="/accounts/logout/"><button>go</button></form>', "<p>go</p>"),
    ("`<h1>code</h1>`", "<p><code>&lt;h1&gt;code&lt;/h1&gt;</code></p>"),
]


@pytest.mark.parametrize(("text", "html"), HOSTILE)
def test_hostile_markdown_is_neutralised(text, html):
    assert render_markdown(text).strip() == html


def test_markdown_renders_the_members_formatting():
    text = (
        "# Why\n\nThe *almost* in the title, **twice**.\n\n"
        "> a quotation\n\n- one\n- two\n\n[Teresa Teng](https://example.org/teng)"
    )

    assert render_markdown(text) == (
        "<h2>Why</h2>\n"
        "<p>The <em>almost</em> in the title, <strong>twice</strong>.</p>\n"
        "<blockquote>\n<p>a quotation</p>\n</blockquote>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        '<p><a href="https://example.org/teng" rel="nofollow ugc noopener">Teresa Teng</a></p>'
    )


def test_markdown_keeps_mailto_links():
    assert render_markdown("<club@example.org>") == (
        '<p><a href="mailto:club@example.org" rel="nofollow ugc noopener">club@example.org</a></p>'
    )


def test_rendering_one_text_leaves_nothing_behind_for_the_next():
    text = "# Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee <https://example.org>."
    first = render_markdown(text)

    render_markdown("```\nan unclosed fence\n\n# Heading\n\n<script>")

    assert render_markdown(text) == first


# The seed reviews and the formatting members use, as Python-Markdown (the renderer before
# cmark-gfm) rendered them: reviews/tests/python_markdown_renderings.json.
BEFORE = json.loads((Path(__file__).parent / "python_markdown_renderings.json").read_text())


def between_tags(html):
    """`html` without the line breaks beside tags, which a browser does not show (cmark puts
    one between a list item's text and its nested list)."""
    return re.sub(r"\s*\n\s*(?=<)|(?<=>)\s*\n\s*", "", html).strip()


@pytest.mark.parametrize("before", BEFORE, ids=[entry["name"] for entry in BEFORE])
def test_what_members_wrote_renders_as_it_did_before(before):
    assert between_tags(render_markdown(before["markdown"])) == between_tags(before["html"])


def test_headings_sit_one_level_below_the_page_title():
    text = "# One\n\n## Two\n\n##### Five\n\n###### Six\n\nTitle\n====="

    assert between_tags(render_markdown(text)) == (
        "<h2>One</h2><h3>Two</h3><h6>Five</h6><h6>Six</h6><h2>Title</h2>"
    )


def test_github_extensions_members_use_are_rendered():
    text = "| Film | Year |\n|---|:-:|\n| Comrades | 1996 |\n\n~~Tian Mi Mi~~ www.example.org"

    assert between_tags(render_markdown(text)) == (
        "<table><thead><tr><th>Film</th><th>Year</th></tr></thead>"
        "<tbody><tr><td>Comrades</td><td>1996</td></tr></tbody></table>"
        '<p><del>Tian Mi Mi</del> <a href="http://www.example.org" rel="nofollow ugc noopener">'
        "www.example.org</a></p>"
    )


def test_deep_nesting_is_flattened_at_the_limit():
    html = render_markdown("> " * 1000 + "deep")

    assert html.count("<blockquote>") == MAX_NESTING
    assert html.count("</blockquote>") == MAX_NESTING
    assert (
        between_tags(html) == "<blockquote>" * MAX_NESTING + "deep" + "</blockquote>" * MAX_NESTING
    )


BODY_MAX_LENGTH = Review._meta.get_field("body").max_length


def at_most(pattern, length=BODY_MAX_LENGTH):
    return (pattern * (length // len(pattern) + 1))[:length]


# Inputs that made Python-Markdown (or an HTML parser after it) take seconds, recurse without
# end, or grow its output: each at the longest body a review may have.
PATHOLOGICAL = {
    "ordered list items": at_most("1. "),
    "open brackets": at_most("["),
    "open links": at_most("[a]("),
    "open images": at_most("!["),
    "quotations": at_most("> "),
    "quoted lists": at_most("> 1. "),
    "stars": at_most("*"),
    "underscores": at_most("_"),
    "emphasis runs": at_most("*a**"),
    "mixed emphasis": at_most("*_"),
    "strong runs": at_most("**a"),
    "strikethrough runs": at_most("~~a"),
    "backticks": at_most("`"),
    "code spans": at_most("`a"),
    "fences": at_most("```\n"),
    "backslashes": at_most("\\"),
    "entities": at_most("&#"),
    "html tags": at_most("<b><i>"),
    "html blocks": at_most("<p>x &amp; y</p>\n\n"),
    "empty html blocks": at_most("<div>\n\n"),
    "quoted html blocks": at_most("> <p>x</p>\n>\n"),
    "unclosed scripts": at_most("<script"),
    "script fragments": at_most("<div><script></script"),
    "nested divs": at_most("<div>"),
    "nested list html": at_most("<ul><li>"),
    "open angle brackets": at_most("<"),
    "open autolinks": at_most("<http://a"),
    "bare links": at_most("www.a."),
    "reference definitions": at_most("[a]: b\n"),
    "reference uses": at_most("[a][b]"),
    "indented lists": "".join("  " * depth + "- x\n" for depth in range(400))[:BODY_MAX_LENGTH],
    "long table": "| a | b |\n|---|---|\n" + at_most("| x | y |\n", BODY_MAX_LENGTH - 20),
    "wide table": "|a" * 500 + "|\n" + "|-" * 500 + "|\n" + at_most("|\n", BODY_MAX_LENGTH - 2004),
    "nul and control characters": at_most("\x00\x01\x1b[31m"),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_hostile_text_at_the_longest_renders_within_half_a_second(text):
    assert len(text) == BODY_MAX_LENGTH
    review = Review(body=text)

    # The CPU this process spends rendering: a machine busy with other work (CI, other tests)
    # lengthens the wall clock, not the work.
    started = time.process_time()
    review.render_body()

    assert time.process_time() - started < 0.5


def test_rendering_keeps_no_memory_behind():
    """cmarkgfm's own wrappers leak the document and its HTML: megabytes per hostile text."""
    texts = [PATHOLOGICAL["quotations"], PATHOLOGICAL["html blocks"]]
    for text in texts:
        render_markdown(text)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    for _ in range(30):
        for text in texts:
            render_markdown(text)

    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 30_000


def test_a_text_that_broke_the_old_renderer_leaves_the_next_one_rendered():
    render_markdown("1. " * 500)

    assert render_markdown("*almost*") == "<p><em>almost</em></p>"
