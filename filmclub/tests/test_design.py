"""The look, checked where a machine can check it: contrast of both colour schemes, and a page
that needs nothing from another host and nothing inline."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "filmclub" / "static" / "css" / "site.css").read_text()

# (foreground, background, minimum ratio): WCAG AA is 4.5:1 for text, 3:1 for focus rings.
TEXT_PAIRS = [
    ("text", "bg", 4.5),
    ("text", "surface", 4.5),
    ("text", "surface-2", 4.5),
    ("muted", "bg", 4.5),
    ("muted", "surface", 4.5),
    ("muted", "surface-2", 4.5),
    ("accent", "bg", 4.5),
    ("accent", "surface", 4.5),
    ("accent-hover", "surface", 4.5),
    ("accent-text", "accent", 4.5),
    ("accent-text", "accent-hover", 4.5),
    ("header-text", "header-bg", 4.5),
    ("header-accent", "header-bg", 4.5),
    ("danger", "bg", 4.5),
    ("danger", "surface", 4.5),
    ("on-danger", "danger-bg", 4.5),
    ("warn-text", "warn-bg", 4.5),
    ("ok-text", "ok-bg", 4.5),
    ("won", "surface", 4.5),
    ("nominated", "surface", 4.5),
    ("unknown", "surface", 4.5),
    ("focus", "bg", 3),
    ("focus", "surface", 3),
]


def scheme(css, dark):
    """The custom properties of :root in the light scheme, or as the dark scheme overrides them."""
    light_block = re.search(r"^:root \{(.*?)^\}", css, re.S | re.M).group(1)
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", light_block))
    if dark:
        media = css.split("@media (prefers-color-scheme: dark)", 1)[1]
        dark_block = re.search(r":root \{(.*?)\}", media, re.S).group(1)
        colours.update(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", dark_block))
    return colours


def luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_of_known_colours():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_colour_passes_wcag_aa_on_its_background(dark):
    colours = scheme(CSS, dark)

    failures = [
        f"--{fg} on --{bg}: {contrast(colours[fg], colours[bg]):.2f} < {minimum}"
        for fg, bg, minimum in TEXT_PAIRS
        if contrast(colours[fg], colours[bg]) < minimum
    ]

    assert failures == []


def test_dark_scheme_overrides_every_colour_of_the_light_one():
    light, dark_only = scheme(CSS, dark=False), scheme(CSS, dark=True)

    assert sorted(name for name in light if light[name] == dark_only[name]) == [
        "header-accent",
        "on-danger",
    ]


def test_stylesheet_asks_no_other_host():
    assert re.findall(r"url\(|@import|https?://", CSS) == []


def test_page_has_landmarks_skip_link_language_and_one_script(client, db):
    response = client.get(reverse("home"))
    html = response.text

    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert '<main id="main"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<footer class="site-footer">' in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/site.js" defer>']
    assert re.findall(r"\sstyle=", html) == []


def test_section_of_the_page_is_marked_in_the_navigation(client, db):
    response = client.get(reverse("screenings:list"))

    assert re.findall(r'<a href="([^"]+)" aria-current="page">', response.text) == ["/screenings/"]
