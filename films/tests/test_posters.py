import io
import os
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from films.images import validate_image_upload
from films.models import Film
from films.tests.test_admin import film_form


def image_upload(name="poster.png", size=(500, 700), fmt="PNG", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, color=1 if mode == "1" else (120, 40, 20)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_uploaded_poster_is_resized_for_cards_and_pages(staff_client):
    response = staff_client.post(reverse("admin:films_film_add"), film_form(poster=image_upload()))

    assert response.status_code == 302
    film = Film.objects.get()
    with Image.open(film.poster_card) as card, Image.open(film.poster_large) as large:
        assert (card.format, card.size) == ("JPEG", (400, 600))
        assert (large.format, large.size) == ("JPEG", (600, 900))


def test_poster_shows_on_card_and_page_with_dimensions(staff_client, client):
    staff_client.post(reverse("admin:films_film_add"), film_form(poster=image_upload()))
    film = Film.objects.get()

    card = client.get(reverse("films:list")).text
    page = client.get(film.get_absolute_url()).text

    assert (
        f'<img class="poster" src="{film.poster_card.url}" alt="Poster for To Become a Lion" '
        'loading="lazy" width="200" height="300">'
    ) in card
    assert f'src="{film.poster_large.url}" alt="Poster for To Become a Lion" width="300"' in page


def test_film_without_poster_gets_a_placeholder_of_its_own(client, make_film):
    make_film(title="No poster yet", slug="no-poster-yet")
    make_film(title="A quiet place", slug="a-quiet-place")

    response = client.get(reverse("films:list"))

    # Colour and motif from the slug (films_tags.poster_look): two films, two designs.
    assert (
        '<span class="poster poster-placeholder poster-hue-6 poster-motif-0" aria-hidden="true">'
        "<span>No poster yet</span></span>"
    ) in response.text
    assert (
        '<span class="poster poster-placeholder poster-hue-4 poster-motif-1" aria-hidden="true">'
        "<span>A quiet place</span></span>"
    ) in response.text


def test_placeholder_designs_are_many_and_stable():
    from films.templatetags.films_tags import poster_look

    looks = {poster_look(Film(slug=f"film-{number}")) for number in range(400)}

    assert len(looks) == 72  # 12 hues × 6 motifs, all in use
    assert poster_look(Film(slug="irma-vep")) == poster_look(Film(slug="irma-vep"))


def test_text_file_as_poster_is_refused_politely(staff_client):
    upload = SimpleUploadedFile("poster.png", b"<?php echo 'hi'; ?>", content_type="image/png")

    response = staff_client.post(reverse("admin:films_film_add"), film_form(poster=upload))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["poster"] == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert not Film.objects.exists()


def test_image_with_too_many_pixels_is_refused(staff_client, settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    upload = image_upload(size=(2000, 1000), mode="1")

    response = staff_client.post(reverse("admin:films_film_add"), film_form(poster=upload))

    assert response.context["adminform"].form.errors["poster"] == [
        "The image is 2000×1000 pixels; 1,000,000 pixels is the most we accept."
    ]


def test_unsupported_image_format_is_refused_by_the_validator():
    upload = image_upload(name="poster.tiff", fmt="TIFF")

    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload)

    assert error.value.messages == [
        "Upload a JPEG, PNG, WebP or GIF image; this file is not one we can read."
    ]


def test_oversized_poster_is_refused_politely(staff_client, settings):
    settings.MAX_UPLOAD_BYTES = 100
    upload = image_upload(size=(300, 300))

    response = staff_client.post(reverse("admin:films_film_add"), film_form(poster=upload))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["poster"] == [
        "The file is larger than 100\xa0bytes."
    ]
    assert not Film.objects.exists()


def test_removing_a_poster_removes_its_sizes(staff_client):
    staff_client.post(reverse("admin:films_film_add"), film_form(poster=image_upload()))
    film = Film.objects.get()

    film.poster = ""
    film.save()

    film.refresh_from_db()
    assert (film.poster_card.name, film.poster_large.name) == ("", "")


def noisy_image_bytes(fmt, size=(300, 450)):
    """An image whose compressed data is long enough to cut: random noise."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, random.Random(1).randbytes(size[0] * size[1] * 3)).save(
        buffer, format=fmt
    )
    return buffer.getvalue()


def truncated_jpeg(name="poster.jpg"):
    data = noisy_image_bytes("JPEG")
    return SimpleUploadedFile(name, data[: len(data) * 2 // 3], content_type="image/jpeg")


def broken_png(name="poster.png"):
    """A PNG whose chunks are whole (verify() passes) but whose pixel stream is not zlib."""
    data = noisy_image_bytes("PNG")
    start = data.index(b"IDAT") + 4
    length = int.from_bytes(data[start - 8 : start - 4], "big")
    garbage = bytes(range(256)) * (length // 256 + 1)
    chunk = b"IDAT" + garbage[:length]
    data = (
        data[: start - 4]
        + chunk
        + zlib.crc32(chunk).to_bytes(4, "big")
        + data[start + length + 4 :]
    )
    return SimpleUploadedFile(name, data, content_type="image/png")


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    "upload", [truncated_jpeg, broken_png], ids=["truncated-jpeg", "broken-png"]
)
def test_a_damaged_poster_is_a_field_error_naming_the_file(staff_client, settings, upload):
    response = staff_client.post(reverse("admin:films_film_add"), film_form(poster=upload()))

    assert response.status_code == 200
    name = upload().name
    assert response.context["adminform"].form.errors["poster"] == [
        f"“{name}” is damaged or incomplete: it could not be read to the end. "
        "Save it again, or choose another image."
    ]
    assert not Film.objects.exists()
    assert media_files(settings) == []


def test_replacing_a_poster_removes_the_old_files_once_saved(
    staff_client, settings, django_capture_on_commit_callbacks
):
    staff_client.post(reverse("admin:films_film_add"), film_form(poster=image_upload("old.png")))
    film = Film.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:films_film_change", args=[film.pk]),
            film_form(poster=image_upload("new.png")),
        )

    assert response.status_code == 302
    film.refresh_from_db()
    assert media_files(settings) == sorted(
        [film.poster.name, film.poster_card.name, film.poster_large.name]
    )
    assert film.poster.name == "posters/new.png"


def test_a_poster_that_fails_to_render_leaves_the_film_and_its_files_as_they_were(
    staff_client, settings, django_capture_on_commit_callbacks
):
    staff_client.post(reverse("admin:films_film_add"), film_form(poster=image_upload("old.png")))
    film = Film.objects.get()
    before = media_files(settings)

    film.poster = truncated_jpeg("new.jpg")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(OSError, match="truncated"),
    ):
        film.save()

    film.refresh_from_db()
    assert (film.poster.name, film.poster_rendered_from) == ("posters/old.png", "posters/old.png")
    assert media_files(settings) == before
    assert all((Path(settings.MEDIA_ROOT) / name).exists() for name in before)


def test_removing_a_poster_removes_its_files(
    staff_client, settings, django_capture_on_commit_callbacks
):
    staff_client.post(reverse("admin:films_film_add"), film_form(poster=image_upload()))
    film = Film.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        film.poster = ""
        film.save()

    assert media_files(settings) == []


def big_image(path, size, fmt):
    Image.linear_gradient("L").resize(size).convert("RGB").save(path, format=fmt)
    return path


@pytest.mark.parametrize(
    ("size", "fmt", "accepted"),
    [
        ((6000, 4000), "JPEG", True),  # a 24-megapixel phone photo
        ((5001, 5000), "JPEG", False),
        ((2500, 4000), "PNG", True),  # a poster scan
        ((4000, 2501), "PNG", False),
    ],
)
def test_pixel_limits_take_a_phone_photo_and_a_poster_scan(tmp_path, size, fmt, accepted):
    path = big_image(tmp_path / f"image.{fmt.lower()}", size, fmt)
    upload = SimpleUploadedFile(path.name, path.read_bytes())

    if accepted:
        validate_image_upload(upload)
    else:
        with pytest.raises(ValidationError, match="pixels is the most we accept"):
            validate_image_upload(upload)


MEASURE = """
import resource, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from films.images import render_poster, validate_image_upload
from members.forms import square_avatar
upload = SimpleUploadedFile("photo.jpg", open(sys.argv[1], "rb").read())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
validate_image_upload(upload)
render_poster(upload, width=400, height=600, name="card.jpg")
render_poster(upload, width=600, height=900, name="large.jpg")
square_avatar(upload)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_the_largest_jpeg_is_checked_and_resized_in_little_memory(tmp_path):
    """Decoded whole, a 24-megapixel photo took 276 MB; decoded at a fraction of its size (draft),
    a few. Measured in a fresh process, whose peak is this work's alone."""
    path = big_image(tmp_path / "photo.jpg", (6000, 4000), "JPEG")
    env = {**os.environ, "DJANGO_DEBUG": "true"}

    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert int(measured.stdout) < 50
