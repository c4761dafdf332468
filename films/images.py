"""Upload checks for posters and avatars: real images of a sane size, refused politely otherwise."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def validate_image_upload(file):
    """Refuse anything that is not a JPEG, PNG, WebP or GIF within the size and pixel limits.

    The pixel count is read from the header before any decoding, so a decompression bomb is
    refused without being decompressed.
    """
    if file.size is not None and file.size > settings.MAX_UPLOAD_BYTES:
        limit = filesizeformat(settings.MAX_UPLOAD_BYTES)
        raise ValidationError(f"The file is larger than {limit}.", code="too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file, formats=ALLOWED_FORMATS) as image:
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"The image is {width}×{height} pixels; "
                    f"{settings.MAX_IMAGE_PIXELS:,} pixels is the most we accept.",
                    code="too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF image; this file is not one we can read.",
            code="invalid_image",
        ) from None
    finally:
        file.seek(position)


def render_poster(source, *, width, height, name):
    """A `width`×`height` JPEG of `source`, cropped to fill (posters are 2:3), as a ContentFile."""
    source.seek(0)
    with Image.open(source, formats=ALLOWED_FORMATS) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        fitted = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    fitted.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)
