"""The sanitiser: what members write is rendered, and nothing hostile survives."""

import pytest

from reviews.markdown import render_markdown

HOSTILE = [
    ("<script>alert(1)</script>", ""),
    ("Hi <script>alert(1)</script> there", "<p>Hi  there</p>"),
    ('<img src="x" onerror="alert(1)">', "<p></p>"),
    ('<a href="https://example.org" onclick="alert(1)">x</a>',
     '<p><a href="https://example.org" rel="nofollow ugc noopener">x</a></p>'),
    ("[click](javascript:alert(1))", '<p><a rel="nofollow ugc noopener">click</a></p>'),
    ("[click](JaVaScRiPt:alert(1))", '<p><a rel="nofollow ugc noopener">click</a></p>'),
    ('<a href="java&#09;script:alert(1)">x</a>', '<p><a rel="nofollow ugc noopener">x</a></p>'),
    ("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
     '<p><a rel="nofollow ugc noopener">data</a></p>'),
    ("<svg onload=alert(1)><circle r=1></svg>", "<p></p>"),
    ('<iframe src="https://evil.example"></iframe>', ""),
    ("<style>body{display:none}</style>", ""),
    ('<p style="color:red">red</p>', "<p>red</p>"),
    ("<b>unclosed <i>tags", "<p>unclosed tags</p>"),
    ("<scr<script>ipt>alert(1)</script>", "<p>&lt;scr</p>"),
    ('<a href="https://example.org" rel="opener">x</a>',
     '<p><a href="https://example.org" rel="nofollow ugc noopener">x</a></p>'),
    ("<!-- a comment --> text", "<p>text</p>"),
    ('<form action="/accounts/logout/"><button>go</button></form>', "go"),
]  # fmt: skip


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
    assert render_markdown("<mailto:club@example.org>") == (
        '<p><a href="mailto:club@example.org" rel="nofollow ugc noopener">club@example.org</a></p>'
    )


def test_rendering_one_text_leaves_nothing_behind_for_the_next():
    text = "# Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee <https://example.org>."
    first = render_markdown(text)

    render_markdown("```\nan unclosed fence\n\n# Heading\n\n<script>")

    assert render_markdown(text) == first
