import io

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


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


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


def test_film_without_poster_gets_the_placeholder(client, make_film):
    make_film(title="No poster yet")

    response = client.get(reverse("films:list"))

    assert '<div class="poster poster-placeholder" aria-hidden="true"><span>No poster yet' in (
        response.text
    )


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
