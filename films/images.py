"""Upload checks for posters and avatars: real images of a sane size, read to the end, refused
politely otherwise; and the sizes the pages show, made without decoding more than they need."""

import io
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

# How many colours and motifs placeholders have (site.css: .poster-hue-N, .poster-motif-N), and
# each colour's hue in degrees (site.css's --ph-h), which the share cards use too.
PLACEHOLDER_HUE_DEGREES = (12, 32, 48, 85, 140, 170, 195, 215, 240, 275, 310, 340)
PLACEHOLDER_HUES = len(PLACEHOLDER_HUE_DEGREES)
PLACEHOLDER_MOTIFS = 6
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Pillow's errors for a file it cannot read, whatever the damage.
UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
)


def validate_image_upload(file):
    """Refuse anything that is not a JPEG, PNG, WebP or GIF within the size and pixel limits, or
    that cannot be decoded to the end (a truncated JPEG, a broken PNG stream: both pass Pillow's
    verify()).

    The pixel count is read from the header before any decoding, so a decompression bomb is
    refused without being decompressed; a JPEG is then decoded at an eighth of its size, which
    reads all of it at a fraction of the memory.
    """
    if file.size is not None and file.size > settings.MAX_UPLOAD_BYTES:
        limit = filesizeformat(settings.MAX_UPLOAD_BYTES)
        raise ValidationError(f"The file is larger than {limit}.", code="too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        try:
            file.seek(0)
            with Image.open(file, formats=ALLOWED_FORMATS) as image:
                refuse_too_many_pixels(image)
                image.verify()
        except UNREADABLE:
            raise ValidationError(
                "Upload a JPEG, PNG, WebP or GIF image; this file is not one we can read.",
                code="invalid_image",
            ) from None
        try:
            file.seek(0)
            with Image.open(file, formats=ALLOWED_FORMATS) as image:
                image.draft(image.mode, (1, 1))
                image.load()
        except UNREADABLE:
            raise ValidationError(
                "“%(name)s” is damaged or incomplete: it could not be read to the end. "
                "Save it again, or choose another image.",
                code="damaged_image",
                params={"name": getattr(file, "name", "") or "The file"},
            ) from None
    finally:
        file.seek(position)


def refuse_too_many_pixels(image):
    """Refuse an image with more pixels than MAX_IMAGE_PIXELS, or MAX_DECODED_IMAGE_PIXELS when
    it is not a JPEG (only a JPEG can be decoded at a fraction of its size)."""
    width, height = image.size
    jpeg_limit = settings.MAX_IMAGE_PIXELS
    limit = (
        jpeg_limit if image.format == "JPEG" else min(jpeg_limit, settings.MAX_DECODED_IMAGE_PIXELS)
    )
    if width * height > limit:
        for_format = (
            f" for a PNG, WebP or GIF ({jpeg_limit:,} for a JPEG)" if limit < jpeg_limit else ""
        )
        raise ValidationError(
            f"The image is {width}×{height} pixels; {limit:,} pixels is the most we accept"
            f"{for_format}.",
            code="too_many_pixels",
        )


def open_for_resizing(source, size):
    """The image in `source`, upright (EXIF orientation applied), decoded at the smallest size
    that still covers `size` (width, height) whichever way it is turned: a JPEG is decoded at
    1/2, 1/4 or 1/8 of its size (draft), any other format is reduced right after decoding, so
    what follows works on a small copy."""
    longest = max(size)
    source.seek(0)
    with Image.open(source, formats=ALLOWED_FORMATS) as image:
        image.draft("RGB", (longest, longest))
        image.load()
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        factor = min(image.width, image.height) // longest
        if factor > 1:
            image = image.reduce(factor)
        return ImageOps.exif_transpose(image)


def render_poster(source, *, width, height, name):
    """A `width`×`height` JPEG of `source`, cropped to fill (posters are 2:3), as a ContentFile."""
    image = open_for_resizing(source, (width, height)).convert("RGB")
    fitted = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    fitted.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)


def placeholder_look(slug):
    """(hue, motif): the numbers of the placeholder a film without a poster gets, from its slug
    (CRC-32, the same in every process, unlike Python's salted hash())."""
    number = zlib.crc32(slug.encode())
    return number % PLACEHOLDER_HUES, number // PLACEHOLDER_HUES % PLACEHOLDER_MOTIFS
