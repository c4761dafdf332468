"""/sitemap.xml lists every public page (and nothing else), cheaply and kept until the pages
change; /robots.txt lets crawlers in but for staff's, members' own and search pages."""

import datetime
import re
from datetime import timedelta

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review
from screenings.models import Screening, Venue


def locations(response):
    return re.findall(r"<loc>([^<]*)</loc>", response.content.decode())


@pytest.fixture
def make_rows(make_film, make_person, make_review, make_venue, make_screening):
    """`count` rows of every public kind: films (each with a person), public reviews,
    screenings, venues."""

    def make(count):
        for number in range(count):
            film = make_film(director=make_person())
            make_review(film=film)
            make_screening(
                films=[film], venue=make_venue(), date=datetime.date(2030, 7, 1 + number)
            )

    return make


def test_sitemap_lists_every_kind_of_public_page(client, origin, make_rows):
    make_rows(1)
    film, review = Review.objects.get().film, Review.objects.get()
    person = film.directors()[0]
    screening, venue = Screening.objects.get(), Venue.objects.get()

    response = client.get("/sitemap.xml")

    pages = [
        "/",
        "/films/",
        "/people/",
        "/reviews/",
        reverse("screenings:list"),
        reverse("screenings:past"),
        "/venues/",
        film.get_absolute_url(),
        person.get_absolute_url(),
        review.get_absolute_url(),
        screening.get_absolute_url(),
        venue.get_absolute_url(),
    ]
    assert response["Content-Type"] == "application/xml"
    assert locations(response) == [f"{origin}{path}" for path in pages]


def test_sitemap_leaves_out_reviews_nobody_else_may_read(client, origin, make_review):
    public = make_review()
    make_review(status=Review.Status.DRAFT)
    make_review(published_at=timezone.now() + timedelta(days=1))  # scheduled
    hidden = make_review()
    hidden.hide("Off topic.")

    reviews = [url for url in locations(client.get("/sitemap.xml")) if "/reviews/" in url]

    assert reviews == [f"{origin}/reviews/", f"{origin}{public.get_absolute_url()}"]


def test_sitemap_dates_a_review_by_its_last_edit_in_local_time(client, origin, make_review):
    review = make_review()

    text = client.get("/sitemap.xml").content.decode()

    assert (
        f"<loc>{origin}{review.get_absolute_url()}</loc>"
        f"<lastmod>{timezone.localtime(review.updated_at):%Y-%m-%d}</lastmod>"
    ) in re.sub(r"\s+", "", text)


@pytest.mark.parametrize("count", [1, 3])
def test_sitemap_query_count_is_constant(
    client, origin, make_rows, count, django_assert_num_queries
):
    make_rows(count)
    Site.objects.get_current()  # Django's sitemap view reads the record, which it keeps

    with django_assert_num_queries(5):  # films, people, reviews, screenings, venues
        response = client.get("/sitemap.xml")

    assert len(locations(response)) == 7 + 5 * count


def test_sitemap_is_kept_until_the_catalogue_changes(
    client, origin, make_film, django_assert_num_queries
):
    make_film()
    first = client.get("/sitemap.xml")

    with django_assert_num_queries(0):
        kept = client.get("/sitemap.xml")
    added = make_film()
    changed = client.get("/sitemap.xml")

    assert first["Cache-Control"] == "public, max-age=3600"
    assert kept["X-Page-Cache"] == "hit"
    assert kept.content == first.content
    assert f"{origin}{added.get_absolute_url()}" in locations(changed)


def test_robots_txt_shows_the_way_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(
    client, origin, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /notifications/",
        "Disallow: /screenings/not-going/",
        "Disallow: /*?q=",
        "Disallow: /*&q=",
        "Allow: /",
        "",
        f"Sitemap: {origin}/sitemap.xml",
    ]


def test_robots_txt_names_the_sites_origin_whatever_host_it_was_asked_on(
    client, db, settings, origin
):
    settings.ALLOWED_HOSTS = ["films.example.org", "www.films.example.org"]

    response = client.get("/robots.txt", headers={"Host": "www.films.example.org"})

    assert response.content.decode().splitlines()[-1] == (
        "Sitemap: https://films.example.org/sitemap.xml"
    )
