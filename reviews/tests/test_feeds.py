import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ], root


def test_latest_reviews_feed_lists_published_reviews_newest_first(
    client, make_review, make_user, make_film, origin
):
    film = make_film(title="Comrades")
    odessa = make_user(username="odessa", display_name="Odessa")
    make_review(
        title="Older", film=film, author=odessa, published_at=timezone.now() - timedelta(days=2)
    )
    newer = make_review(title="Newer", film=film, author=odessa, body="*almost*")
    make_review(title="Draft", status=Review.Status.DRAFT)
    make_review(title="Hidden", is_hidden=True, hidden_reason="Spam")
    Site.objects.filter(pk=1).update(domain="films.example.org")
    Site.objects.clear_cache()

    response = client.get(reverse("reviews:feed"))
    items, root = entries(response)

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert root.findtext(f"{ATOM}title") == "filmclub: latest reviews"
    assert [item["title"] for item in items] == ["Newer (Comrades)", "Older (Comrades)"]
    assert items[0]["link"] == f"{origin}{newer.get_absolute_url()}"
    assert items[0]["author"] == "Odessa (@odessa)"
    assert items[0]["summary"] == "<p><em>almost</em></p>"


@pytest.mark.parametrize("url", ["reviews:feed", "reviews:film-feed"])
def test_feed_links_are_absolute_on_the_sites_origin_whatever_host_asked(
    client, make_review, make_user, make_film, settings, url, origin
):
    settings.ALLOWED_HOSTS = ["www.films.example.org"]
    film = make_film(slug="comrades")
    review = make_review(film=film, author=make_user(username="odessa"))
    Site.objects.filter(pk=1).update(domain="elsewhere.example")
    Site.objects.clear_cache()
    path = reverse(url, args=[film.slug] if url == "reviews:film-feed" else [])

    response = client.get(path, HTTP_HOST="www.films.example.org")
    root = ET.fromstring(response.content)
    [entry] = root.findall(f"{ATOM}entry")

    home = origin
    assert {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")} == {
        "alternate": home + ("/films/comrades/" if url == "reviews:film-feed" else "/reviews/"),
        "self": home + path,
    }
    assert entry.find(f"{ATOM}link").get("href") == home + review.get_absolute_url()
    assert entry.findtext(f"{ATOM}author/{ATOM}uri") == home + "/members/odessa/"
    assert "elsewhere.example" not in response.text
    assert "www.films" not in response.text


def test_film_feed_lists_only_that_films_reviews(client, make_review, make_film):
    film = make_film(title="Comrades")
    make_review(title="About it", film=film)
    make_review(title="About another film")

    response = client.get(reverse("reviews:film-feed", args=[film.slug]))
    items, root = entries(response)

    assert root.findtext(f"{ATOM}title") == "filmclub: reviews of Comrades"
    assert [item["title"] for item in items] == ["About it (Comrades)"]


def test_feed_of_unknown_film_is_404(client, db):
    assert client.get(reverse("reviews:film-feed", args=["no-such-film"])).status_code == 404


def test_feed_warns_of_spoilers_and_carries_only_sanitised_html(client, make_review):
    make_review(body="<script>alert(1)</script>The end.", contains_spoilers=True)

    items, _ = entries(client.get(reverse("reviews:feed")))

    assert items[0]["summary"] == (
        "<p><strong>This review contains spoilers.</strong></p><p>The end.</p>"
    )


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_is_constant(client, make_review, count, django_assert_num_queries):
    for _ in range(count):
        make_review()
    Site.objects.clear_cache()

    # the current site (its domain makes the links absolute), the reviews
    with django_assert_num_queries(2):
        response = client.get(reverse("reviews:feed"))

    assert len(entries(response)[0]) == count


@pytest.mark.parametrize("feed", ["reviews:feed", "reviews:film-feed"])
def test_control_characters_saved_before_they_were_refused_are_left_out_of_the_feeds(
    client, make_review, make_user, make_film, feed
):
    film = make_film(title="Comrades\x02", slug="comrades")
    author = make_user(display_name="Ode\x1bssa")
    make_review(title="Al\x01most", body="The \x01*end*\x0b.", film=film, author=author)
    url = reverse(feed) if feed == "reviews:feed" else reverse(feed, args=["comrades"])

    response = client.get(url)

    assert response.status_code == 200
    items, root = entries(response)
    assert items[0]["title"] == "Almost (Comrades)"
    assert items[0]["author"] == f"Odessa (@{author.username})"
    assert items[0]["summary"] == "<p>The <em>end</em>.</p>"
    if feed == "reviews:film-feed":
        assert root.findtext(f"{ATOM}title") == "filmclub: reviews of Comrades"


def test_a_review_titled_as_its_film_names_it_once_in_the_feed(client, make_review, make_film):
    film = make_film(title="Comrades: Almost a Love Story")
    make_review(title="comrades: almost a love story", film=film)

    items, _root = entries(client.get(reverse("reviews:feed")))

    assert [item["title"] for item in items] == ["comrades: almost a love story"]
