"""A film's share card: the picture its links show when it has no poster, drawn once for what
it shows, served with long-lived cache headers under a versioned URL."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from films.models import Film
from films.sharing import card_version
from films.tests.test_posters import image_upload


def og_image(response):
    return re.search(r'<meta property="og:image" content="([^"]*)">', response.text).group(1)


def test_film_without_a_poster_is_shared_with_its_card(client, make_film, origin):
    film = make_film(title="Comrades: Almost a Love Story", original_title="甜蜜蜜", year=1996)

    image = og_image(client.get(film.get_absolute_url()))

    assert image == (f"{origin}/films/{film.slug}/card.png?v={card_version(film)}")
    card = client.get(image)
    assert card["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(card.content)) as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 630))


def test_film_with_a_poster_is_shared_with_its_poster(client, make_film, origin):
    film = make_film(poster=image_upload())

    response = client.get(film.get_absolute_url())

    assert og_image(response) == f"{origin}{film.poster_large.url}"
    assert '<meta property="og:image:width" content="600">' in response.text
    assert '<meta property="og:image:height" content="900">' in response.text


def test_card_under_its_version_is_kept_a_year(client, make_film):
    film = make_film()

    response = client.get(f"{film.get_absolute_url()}card.png", {"v": card_version(film)})

    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] == f'"{card_version(film)}"'


def test_card_without_its_version_is_kept_a_day(client, make_film):
    film = make_film()

    response = client.get(reverse("films:card", args=[film.slug]), {"v": "an-old-one"})

    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_client_holding_the_card_is_told_it_has_not_changed(client, make_film):
    film = make_film()
    url = reverse("films:card", args=[film.slug])

    response = client.get(url, headers={"If-None-Match": f'"{card_version(film)}"'})

    assert (response.status_code, response.content) == (304, b"")


def test_card_is_drawn_once_and_kept(client, make_film):
    film = make_film()
    url = reverse("films:card", args=[film.slug])

    first = client.get(url).content

    assert default_storage.exists(f"share/{card_version(film)}.png")
    assert client.get(url).content == first


def test_card_is_drawn_again_when_the_film_changes(client, make_film):
    film = make_film(title="Comrades", year=1996)
    before_version = card_version(film)
    before = client.get(reverse("films:card", args=[film.slug])).content

    film.title = "Comrades: Almost a Love Story"
    film.save()
    film = Film.objects.get(pk=film.pk)

    assert card_version(film) != before_version
    assert og_image(client.get(film.get_absolute_url())).endswith(f"?v={card_version(film)}")
    assert client.get(reverse("films:card", args=[film.slug])).content != before


def test_a_change_the_card_does_not_show_keeps_it(make_film):
    film = make_film(title="Comrades", year=1996)
    version = card_version(film)

    film.synopsis = "Two migrants in Hong Kong."
    film.save()

    assert card_version(Film.objects.get(pk=film.pk)) == version


def test_card_of_a_film_with_only_a_chinese_title_is_drawn(client, make_film):
    film = make_film(title="甜蜜蜜", slug="tian-mi-mi", original_title_lang="zh-Hant")

    response = client.get(reverse("films:card", args=[film.slug]))

    with Image.open(io.BytesIO(response.content)) as picture:
        assert picture.size == (1200, 630)


def test_card_of_no_film_is_not_found(client, db):
    assert client.get(reverse("films:card", args=["no-such-film"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_card_query_count_is_constant(client, make_film, count, django_assert_num_queries):
    films = [make_film() for _ in range(count)]

    with django_assert_num_queries(1):  # the film
        response = client.get(reverse("films:card", args=[films[-1].slug]))

    assert response["Content-Type"] == "image/png"
