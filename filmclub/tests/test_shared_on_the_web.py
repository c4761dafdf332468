"""Every public page shared on the web: its Open Graph and Twitter card tags, with a picture
that loads, and the structured data (JSON-LD) of films, reviews and screenings, checked against
what rich results need (core/tests/schema_org.py) and against the seed film's own facts."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.tests.schema_org import missing
from films.models import Film
from reviews.models import Review
from screenings.models import Screening

SEED_FILM = "comrades-almost-a-love-story"
ORIGIN = "https://films.example.org"  # the site's canonical origin (the `origin` fixture)


@pytest.fixture(autouse=True)
def _canonical_origin(origin):
    """Every URL the pages give out names the site's origin, not the test client's host."""
    assert origin == ORIGIN


class HeadTags(HTMLParser):
    """The page's <meta> tags by property or name, and its canonical link."""

    def __init__(self, text):
        super().__init__()
        self.meta, self.canonical = {}, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = attrs["content"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]


def jsonld_blocks(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, flags=re.S
    )
    return [json.loads(block) for block in blocks]


def public_pages():
    """(path, title when shared) of a page of each kind, from the seeds."""
    review = Review.objects.published().get(slug="comrades-almost-a-love-story-essay")
    screening = Screening.objects.get()
    odessa = get_user_model().objects.get(username="odessa")
    return [
        (reverse("home"), "Films in the park, reviews by members"),
        (reverse("films:list"), "The catalogue"),
        (reverse("films:detail", args=[SEED_FILM]), "Comrades: Almost a Love Story (1996)"),
        (reverse("films:people"), "People"),
        (reverse("films:person", args=["peter-chan"]), "Peter Chan"),
        (reverse("reviews:list"), "Members’ reviews"),
        (review.get_absolute_url(), f"{review.title} — Comrades: Almost a Love Story"),
        (reverse("screenings:list"), "What’s on"),
        (reverse("screenings:past"), "Past screenings"),
        (screening.get_absolute_url(), f"{screening.title} at Fort Greene Park"),
        (reverse("screenings:venues"), "Venues"),
        (reverse("screenings:venue", args=["fort-greene-park"]), "Fort Greene Park"),
        (reverse("members:list"), "Members"),
        (odessa.get_absolute_url(), "Odessa (@odessa)"),
    ]


def test_every_public_page_has_its_card_tags_and_a_picture_that_loads(client, seeded):
    for path, title in public_pages():
        tags = HeadTags(client.get(path).text)

        assert tags.canonical == f"{ORIGIN}{path}", path
        shared = {key: tags.meta[key] for key in ("og:title", "og:url", "og:site_name")}
        assert shared == {
            "og:title": title,
            "og:url": f"{ORIGIN}{path}",
            "og:site_name": "filmclub",
        }
        assert tags.meta["twitter:card"] == "summary_large_image"
        assert tags.meta["twitter:title"] == title
        assert tags.meta["og:description"] == tags.meta["twitter:description"] != ""
        image = tags.meta["og:image"]
        assert image.startswith(f"{ORIGIN}/")
        assert tags.meta["twitter:image"] == image
        picture = client.get(image.removeprefix(ORIGIN))
        assert (picture.status_code, picture["Content-Type"]) == (200, "image/png"), path


LIST_PAGE_DESCRIPTIONS = [
    (
        "films:list",
        "Every film in the club’s catalogue, newest first, with its cast and crew: search it by "
        "title or name, or pick a year, a country, a language.",
    ),
    (
        "films:people",
        "Everyone in the club's catalogue: the actors and crew of its films, by name.",
    ),
    (
        "reviews:list",
        "Members’ reviews of the films in the club’s catalogue, newest first, with the discussion "
        "each one started.",
    ),
    (
        "screenings:list",
        "The club’s upcoming outdoor screenings, soonest first: which film, at which venue, on "
        "which night. Every screening is free.",
    ),
    (
        "screenings:past",
        "Every screening the club has held, newest first: which film, at which venue, on which "
        "night.",
    ),
    ("screenings:venues", "Where the club's free screenings take place, and what is on at each."),
    (
        "members:list",
        "The club's members who have written reviews and joined the discussions.",
    ),
    ("seasons:list", "The members choose the club’s seasons: suggest, second, vote."),
]


@pytest.mark.parametrize(("name", "description"), LIST_PAGE_DESCRIPTIONS)
def test_list_page_describes_itself_to_search_engines_and_when_shared(
    client, db, name, description
):
    tags = HeadTags(client.get(reverse(name)).text)

    assert tags.meta["description"] == description
    assert tags.meta["og:description"] == tags.meta["twitter:description"] == description


def test_a_films_reviews_page_describes_itself(client, make_review):
    film = make_review().film

    tags = HeadTags(client.get(reverse("reviews:film-list", args=[film.slug])).text)

    description = f"Every review of {film} the club’s members have published, newest first."
    assert tags.meta["description"] == tags.meta["og:description"] == description
    assert tags.meta["og:title"] == f"Members’ reviews of {film.title}"


def test_pages_without_a_picture_of_their_own_show_the_sites_card(client, seeded):
    tags = HeadTags(client.get(reverse("films:person", args=["peter-chan"])).text)

    assert tags.meta["og:image"].startswith(f"{ORIGIN}{reverse('site-card')}?v=")
    assert (tags.meta["og:image:width"], tags.meta["og:image:height"]) == ("1200", "630")


def test_film_seen_on_a_review_and_a_screening_shows_the_films_card(client, seeded):
    film_card = HeadTags(client.get(reverse("films:detail", args=[SEED_FILM])).text)
    review = Review.objects.published().get(slug="comrades-almost-a-love-story-essay")

    for page in (review.get_absolute_url(), Screening.objects.get().get_absolute_url()):
        tags = HeadTags(client.get(page).text)
        assert tags.meta["og:image"] == film_card.meta["og:image"], page
        assert tags.meta["og:image:alt"] == "Comrades: Almost a Love Story (1996)"


def test_page_number_is_part_of_the_canonical_address_but_a_search_is_not(client, seeded):
    second = HeadTags(client.get(reverse("films:people"), {"page": "2", "q": "chan"}).text)
    first = HeadTags(client.get(reverse("films:people"), {"page": "1"}).text)

    assert second.canonical == f"{ORIGIN}/people/?page=2"
    assert first.canonical == f"{ORIGIN}/people/"


def test_a_long_description_is_cut_between_words(client, make_film):
    film = make_film(synopsis="word " * 200)

    description = HeadTags(client.get(film.get_absolute_url()).text).meta["og:description"]

    assert len(description) <= 300
    assert description.endswith("word…")


def test_film_page_describes_the_seed_film_as_a_movie(client, seeded):
    response = client.get(reverse("films:detail", args=[SEED_FILM]))

    [movie] = jsonld_blocks(response)
    tags = HeadTags(response.text)
    assert missing(movie) == {"required": [], "recommended": []}
    assert {
        "name": movie["name"],
        "alternateName": movie["alternateName"],
        "dateCreated": movie["dateCreated"],
        "datePublished": movie["datePublished"],
        "director": [director["name"] for director in movie["director"]],
        "duration": movie["duration"],
        "url": movie["url"],
        "image": movie["image"],
    } == {
        "name": "Comrades: Almost a Love Story",
        "alternateName": "甜蜜蜜",
        "dateCreated": "1996",
        "datePublished": "1996-11-02",
        "director": ["Peter Chan"],
        "duration": "PT116M",
        "url": tags.canonical,
        "image": tags.meta["og:image"],
    }
    stars = [actor["name"] for actor in movie["actor"][:2]]
    assert stars == ["Leon Lai", "Maggie Cheung"]
    assert movie["director"][0]["url"] == f"{ORIGIN}/people/peter-chan/"


def test_movie_data_costs_no_query_once_the_films_part_is_kept(signed_in, seeded, make_user):
    # A member's pages skip the page cache, but the film's shared part is kept for everyone.
    client = signed_in(make_user())
    url = reverse("films:detail", args=[SEED_FILM])
    first = jsonld_blocks(client.get(url))

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    assert jsonld_blocks(again) == first
    assert not [query for query in queries if "films_crewcredit" in query["sql"]]


def test_page_asked_on_another_host_names_the_sites_origin_as_the_sitemap_does(
    client, seeded, settings
):
    """One canonical origin: a page reached at another of the site's addresses (www., an IP)
    names the same URL in its canonical link, its card and its JSON-LD as the sitemap does."""
    settings.ALLOWED_HOSTS = ["testserver", "www.films.example.org", "203.0.113.7"]
    url = reverse("films:detail", args=[SEED_FILM])
    client.get(url)  # the page's shared part, kept, was made on the first host

    response = client.get(url, headers={"Host": "www.films.example.org"})
    sitemap = client.get("/sitemap.xml", headers={"Host": "203.0.113.7"}).text

    tags, [movie] = HeadTags(response.text), jsonld_blocks(response)
    assert tags.canonical == tags.meta["og:url"] == movie["url"] == f"{ORIGIN}{url}"
    assert f"<loc>{ORIGIN}{url}</loc>" in sitemap
    assert "www.films" not in response.text
    assert "203.0.113.7" not in sitemap


def test_rated_review_is_described_as_a_review_of_the_movie(client, seeded, make_review):
    film = Film.objects.get(slug=SEED_FILM)
    odessa = get_user_model().objects.get(username="odessa")
    review = make_review(film=film, author=odessa, rating=7, title="Sweet as honey")

    response = client.get(review.get_absolute_url())

    [data] = jsonld_blocks(response)
    assert missing(data) == {"required": [], "recommended": []}
    assert data["itemReviewed"] == {
        "@type": "Movie",
        "name": "Comrades: Almost a Love Story",
        "url": f"{ORIGIN}/films/{SEED_FILM}/",
        "image": HeadTags(response.text).meta["og:image"],
        "dateCreated": "1996",
    }
    assert data["author"] == {
        "@type": "Person",
        "name": "Odessa",
        "url": f"{ORIGIN}/members/odessa/",
    }
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3.5,
        "bestRating": 5,
        "worstRating": 0.5,
    }
    assert (data["name"], data["datePublished"]) == (
        "Sweet as honey",
        review.published_at.isoformat(),
    )
    assert "3½ stars" in response.text  # what the page itself says


def test_unrated_review_has_no_review_data(client, make_review):
    review = make_review(rating=None)

    assert jsonld_blocks(client.get(review.get_absolute_url())) == []


def test_draft_review_shown_to_its_author_has_no_review_data(signed_in, make_review):
    review = make_review(status=Review.Status.DRAFT, rating=8)

    response = signed_in(review.author).get(review.get_absolute_url())

    assert "Draft: only you can see it." in response.text
    assert jsonld_blocks(response) == []


def test_review_with_spoilers_keeps_its_text_out_of_what_is_shared(client, make_review):
    review = make_review(rating=6, contains_spoilers=True, body="The lovers meet again in 1995.")

    response = client.get(review.get_absolute_url())

    [data] = jsonld_blocks(response)
    assert "description" not in data
    assert HeadTags(response.text).meta["og:description"] == (
        f"A member’s review of {review.film.title} (contains spoilers)."
    )
    assert "1995" not in HeadTags(response.text).meta["description"]


def test_screening_page_describes_an_event_of_the_seed_film(client, seeded):
    screening = Screening.objects.get()

    response = client.get(screening.get_absolute_url())

    [event] = jsonld_blocks(response)
    assert missing(event) == {"required": [], "recommended": []}
    assert event["location"]["name"] == "Fort Greene Park"
    assert event["workPresented"][-1]["name"] == "Comrades: Almost a Love Story"
    assert event["workPresented"][-1]["director"] == [{"@type": "Person", "name": "Peter Chan"}]
    assert event["image"] == [HeadTags(response.text).meta["og:image"]]


@pytest.mark.parametrize("data_type", ["Movie", "Review", "ScreeningEvent"])
def test_the_table_of_what_rich_results_need_catches_a_missing_property(data_type):
    assert missing({"@context": "https://schema.org", "@type": data_type})["required"] != []


def test_a_members_list_is_shared_with_its_title_and_its_first_films_picture(client, seeded):
    from members.models import MemberList, add_to_list

    odessa = get_user_model().objects.get(username="odessa")
    member_list = MemberList.objects.create(
        owner=odessa, title="Hong Kong in the nineties", description="Films of the handover."
    )
    add_to_list(member_list=member_list, film=Film.objects.get(slug=SEED_FILM))
    film_card = HeadTags(client.get(reverse("films:detail", args=[SEED_FILM])).text)

    tags = HeadTags(client.get(member_list.get_absolute_url()).text)

    assert tags.canonical == f"{ORIGIN}{member_list.get_absolute_url()}"
    assert tags.meta["og:title"] == "Hong Kong in the nineties, a list by Odessa"
    assert tags.meta["og:description"] == "Films of the handover."
    assert tags.meta["og:image"] == film_card.meta["og:image"]
