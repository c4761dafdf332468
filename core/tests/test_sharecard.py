"""The share cards: 1200×630 PNGs whose titles in any script are drawn, on any machine."""

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from core import sharecard
from core.sharecard import CARD_SIZE, Line, render_card


@pytest.fixture
def no_fonts(monkeypatch):
    """A machine without Noto CJK, nor fontconfig to find another font."""
    monkeypatch.setattr(sharecard, "FONT_PATHS", ())
    monkeypatch.setenv("PATH", "")
    sharecard.font_file.cache_clear()
    sharecard.font.cache_clear()
    yield
    sharecard.font_file.cache_clear()
    sharecard.font.cache_clear()


def glyph(text, lang="zh-Hant"):
    """`text` drawn alone, black on white, as the card's font draws it."""
    image = Image.new("L", (200, 100), 255)
    typeface = sharecard.font(64, lang)
    ImageDraw.Draw(image).text((10, 10), text, font=typeface, fill=0)
    return image


def test_card_is_a_1200_by_630_png():
    png = render_card(
        "Comrades: Almost a Love Story", lines=[Line("甜蜜蜜", "zh-Hant"), Line("1996")]
    )

    with Image.open(io.BytesIO(png)) as image:
        assert (image.format, image.size) == ("PNG", CARD_SIZE)


def test_chinese_characters_are_drawn_as_themselves_not_as_boxes():
    if sharecard.font_file() is None:
        pytest.skip("no font on this machine (fonts-noto-cjk)")

    sweet, honey = glyph("甜"), glyph("蜜")

    # A missing glyph is the same empty box for every character, and a blank draws nothing.
    assert ImageChops.difference(sweet, honey).getbbox() is not None
    assert sweet.getbbox() is not None
    assert ImageChops.invert(sweet).getbbox() is not None


def test_a_card_is_drawn_without_any_font_installed(no_fonts):
    assert sharecard.font_file() is None

    png = render_card("甜蜜蜜", lines=[Line("1996")])

    with Image.open(io.BytesIO(png)) as image:
        assert image.size == CARD_SIZE


def test_a_title_without_spaces_is_broken_between_characters():
    typeface = sharecard.font(76, "zh-Hant")
    width = typeface.getlength("甜蜜蜜") * 1.2

    assert sharecard.wrap("甜蜜蜜甜蜜蜜", typeface, width) == ["甜蜜蜜", "甜蜜蜜"]


def test_a_title_too_long_for_three_lines_ends_with_an_ellipsis():
    title = " ".join(["Almost"] * 60)

    _size, _font, lines = sharecard.fit_title(title, "", 1040)

    assert len(lines) == sharecard.TITLE_LINES
    assert lines[-1].endswith("…")


def test_each_chinese_script_gets_its_own_face_of_the_font():
    assert [sharecard.face_index(lang) for lang in ("zh-Hant", "zh-Hans", "yue", "ja", "")] == [
        3,
        2,
        4,
        0,
        3,
    ]
