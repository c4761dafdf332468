"""Pictures for links shared on the web (Open Graph and Twitter cards): a 1200×630 PNG with a
title in large type, a line or two under it and the club's mark, drawn with Pillow.

Titles may be in any script (甜蜜蜜): the text is set in Noto Sans CJK, which has Latin and the
CJK scripts alike, from the collection face of the line's language; where that font is missing
(another machine), fontconfig's best match, and at worst Pillow's own font, so a card is always
drawn (a missing glyph is a box, never an error).
"""

import hashlib
import io
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageColor, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
# Change it when the drawing changes: every card is drawn again, under new URLs.
DESIGN = 2
# Where Debian's fonts-noto-cjk puts the bold face; fontconfig is asked when it is not there.
FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
FONT_PATTERN = "Noto Sans CJK TC:bold"
# The faces of the Noto CJK collection, by language: each has its region's glyph shapes.
COLLECTION_FACE = {"ja": 0, "ko": 1, "zh-hans": 2, "zh-cn": 2, "zh-hant": 3, "zh-tw": 3}
HONG_KONG_FACE = 4  # zh-HK and Cantonese (yue)
DEFAULT_FACE = 3  # Traditional Chinese: the seed catalogue's films
MARGIN = 80
CREAM = (255, 248, 239)
CLUB_RED = "#9a3412"  # the favicon's
TITLE_SIZES = (76, 66, 58, 50)  # tried in turn until the title fits in TITLE_LINES
TITLE_LINES = 3


@dataclass(frozen=True)
class ShareImage:
    """The picture a shared link shows: its URL (a path or absolute), size and description."""

    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass(frozen=True)
class Line:
    """A line of text under the title, and its BCP 47 language ("" for the site's)."""

    text: str
    lang: str = ""
    size: int = 44


@lru_cache(maxsize=1)
def font_file():
    """The path of the font to draw with, or None (then Pillow's own font)."""
    for path in FONT_PATHS:
        if Path(path).is_file():
            return path
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}", FONT_PATTERN],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found if found and Path(found).is_file() else None


def face_index(lang):
    lang = lang.lower()
    if lang.startswith(("yue", "zh-hk")):
        return HONG_KONG_FACE
    return next(
        (face for prefix, face in COLLECTION_FACE.items() if lang.startswith(prefix)),
        COLLECTION_FACE.get(lang.split("-")[0], DEFAULT_FACE),
    )


@lru_cache(maxsize=64)
def font(size, lang=""):
    path = font_file()
    if path:
        index = face_index(lang) if path.endswith(".ttc") else 0
        try:
            return ImageFont.truetype(path, size, index=index)
        except OSError:
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                pass
    return ImageFont.load_default(size=size)


def wrap(text, typeface, width):
    """`text` in lines no wider than `width`: broken between words, and inside a word (or a
    run of CJK characters, which has no spaces) only when it is wider than a line."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if typeface.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if line and typeface.getlength(line + character) > width:
                lines.append(line)
                line = ""
            line += character
    if line:
        lines.append(line)
    return lines


def fit_title(title, lang, width):
    """(size, font, lines) of the largest size that sets `title` in TITLE_LINES lines, the last one
    cut short with an ellipsis at the smallest size if it still does not fit."""
    for size in TITLE_SIZES:
        typeface = font(size, lang)
        lines = wrap(title, typeface, width)
        if len(lines) <= TITLE_LINES:
            return size, typeface, lines
    lines = lines[:TITLE_LINES]
    last = lines[-1]
    while last and typeface.getlength(last + "…") > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return size, typeface, lines


def background(hue):
    """A gradient of `hue` (degrees) from mid-tone at the top to near black at the foot: the
    placeholder posters' (site.css .poster-placeholder)."""
    top = ImageColor.getrgb(f"hsl({hue}, 58%, 34%)")
    bottom = ImageColor.getrgb(f"hsl({hue}, 35%, 8%)")
    mask = Image.linear_gradient("L").resize((1, CARD_SIZE[1])).resize(CARD_SIZE)
    return Image.composite(
        Image.new("RGB", CARD_SIZE, bottom), Image.new("RGB", CARD_SIZE, top), mask
    )


def draw_mark(draw, site_name):
    """The club's mark (the favicon: a reel on a rounded square) and its name, top left."""
    x, y, side = MARGIN, 64, 84
    # Outlined, so that it stands out on a film's card of the same red.
    draw.rounded_rectangle(
        (x, y, x + side, y + side), radius=16, fill=CLUB_RED, outline=CREAM, width=3
    )
    centre_x, centre_y = x + side / 2, y + side / 2
    ring, dot = side * 18 / 64, side * 5 / 64
    draw.ellipse(
        (centre_x - ring, centre_y - ring, centre_x + ring, centre_y + ring),
        outline=CREAM,
        width=7,
    )
    draw.ellipse((centre_x - dot, centre_y - dot, centre_x + dot, centre_y + dot), fill=CREAM)
    draw.text((x + side + 24, centre_y), site_name, font=font(46), fill=CREAM, anchor="lm")


def render_card(title, *, lines=(), lang="", hue=15, site_name="filmclub"):
    """The card as PNG bytes: `title` (in `lang`) large at the foot, `lines` (Line) under it,
    the club's mark at the top, on a gradient of `hue`."""
    image = background(hue)
    draw = ImageDraw.Draw(image)
    draw_mark(draw, site_name)
    width = CARD_SIZE[0] - 2 * MARGIN
    y = CARD_SIZE[1] - 64
    for line in reversed(lines):
        typeface = font(line.size, line.lang)
        text = wrap(line.text, typeface, width)[:1]
        draw.text((MARGIN, y), text[0] if text else "", font=typeface, fill=CREAM, anchor="ls")
        y -= round(line.size * 1.35)
    size, typeface, title_lines = fit_title(title, lang, width)
    y -= round(size * 0.25)
    for text in reversed(title_lines):
        draw.text((MARGIN, y), text, font=typeface, fill=CREAM, anchor="ls")
        y -= round(size * 1.18)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def digest(*facts):
    """A short digest of what a card shows (and of how cards are drawn, DESIGN): its name in the
    storage and its version in URLs change exactly when the picture would."""
    text = "\n".join(str(fact) for fact in (DESIGN, *facts))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stored(name, render):
    """The PNG kept at `name` in the media storage, drawn by `render()` and kept the first time
    it is asked for. Two servers drawing it at once keep one copy."""
    storage = default_storage
    if storage.exists(name):
        with storage.open(name, "rb") as file:
            return file.read()
    png = render()
    saved = storage.save(name, ContentFile(png, name=name))
    if saved != name:  # another request kept it first: the storage gave ours another name
        storage.delete(saved)
    return png
