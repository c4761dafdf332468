"""/search/: the header's search box and the grouped results."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse

from films.models import Person
from reviews.models import Review

SEARCH = reverse("search:results")


def test_every_page_has_the_search_box_in_its_header(client, seeded):
    box = (
        '<form class="site-search" role="search" aria-label="Find anything" method="get" '
        'action="/search/">'
    )
    for url in ("/", reverse("films:list"), reverse("reviews:list"), "/no-such-page/"):
        response = client.get(url)

        assert box in response.text, url
        assert '<input type="search" id="site-search-q" name="q"' in response.text, url


def test_a_visitor_finds_leon_lai_by_li_ming(client, seeded):
    response = client.get(SEARCH, {"q": "Li Ming"})

    assert [person.name for person in response.context["results"].people] == ["Leon Lai"]
    assert '<a href="/people/leon-lai/">Leon Lai</a>' in response.text
    assert '<span class="native-name" lang="zh-Hant">黎明</span>' in response.text
    assert [film.title for film in response.context["results"].films] == [
        "Comrades: Almost a Love Story",
        "Fallen Angels",
    ]


def test_results_are_grouped_films_people_reviews_screenings_members(client, seeded):
    response = client.get(SEARCH, {"q": "comrades almost a love story"})
    results = response.context["results"]

    assert [film.slug for film in results.films] == ["comrades-almost-a-love-story"]
    of_the_film = Review.objects.published().filter(film=results.films[0])
    assert sorted(review.pk for review in results.reviews) == sorted(
        of_the_film.values_list("pk", flat=True)
    )
    assert len(results.reviews) == 2  # the club's essay and Odessa's blog review
    assert [screening.slug for screening in results.screenings] == ["2025-06-30-fort-greene-park"]
    groups = ("Films", "People", "Reviews", "Venues and screenings", "Members")
    headings = [name for name in groups if f">{name}</h2>" in response.text]
    assert headings == ["Films", "Reviews", "Venues and screenings"]


def test_venues_and_members_are_found(client, seeded):
    venues = client.get(SEARCH, {"q": "fort greene"}).context["results"]
    members = client.get(SEARCH, {"q": "odessa"}).context["results"]

    assert [venue.slug for venue in venues.venues] == ["fort-greene-park"]
    assert [member.username for member in members.members] == ["odessa"]


def test_members_who_are_not_public_are_not_found(client, make_user, make_review):
    make_review(author=make_user(username="lionheart"))
    make_user(username="lionquiet")  # has written nothing anyone may read
    make_review(author=make_user(username="liondraft"), status=Review.Status.DRAFT)

    response = client.get(SEARCH, {"q": "lion"})

    assert [member.username for member in response.context["results"].members] == ["lionheart"]


def test_only_public_reviews_are_found(client, make_film, make_review):
    film = make_film(title="Lion")
    make_review(film=film, title="Shown")
    make_review(film=film, title="Draft", status=Review.Status.DRAFT)
    make_review(film=film, title="Hidden", is_hidden=True, hidden_reason="Spam")

    response = client.get(SEARCH, {"q": "lion"})

    assert [review.title for review in response.context["results"].reviews] == ["Shown"]


def test_nothing_found_says_so_and_the_query_is_text(client, db):
    response = client.get(SEARCH, {"q": "<b>zzz</b>"})

    assert "Nothing matches “&lt;b&gt;zzz&lt;/b&gt;”." in response.text
    assert "<b>zzz</b>" not in response.text


@pytest.mark.parametrize("query", ["", "?!", "x" * 201])
def test_an_empty_or_invalid_query_searches_nothing(client, make_film, query):
    make_film(title="Lion")

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert response.context["results"].words == []
    assert "Nothing matches" not in response.text
    assert '<h2 id="found-films">' not in response.text


def test_a_search_is_never_kept_and_shows_a_change_at_once(client, make_film):
    make_film(title="Lion")
    first = client.get(SEARCH, {"q": "lion"})
    make_film(title="Lion Returns")
    second = client.get(SEARCH, {"q": "lion"})

    assert "X-Page-Cache" not in first  # free text is never kept (core.pagecache)
    assert len(second.context["results"].films) == 2


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_is_constant(
    client,
    make_film,
    make_person,
    make_user,
    make_review,
    make_venue,
    make_screening,
    count,
    django_assert_num_queries,
):
    for number in range(count):
        film = make_film(title=f"Lion {number}", cast=[make_person(name=f"Lion Person {number}")])
        make_review(film=film, author=make_user(username=f"lion{number}"), title="A review")
        make_screening(
            films=[film],
            venue=make_venue(name=f"Lion Park {number}"),
            date=datetime.date(2030, 7, number + 1),
        )

    # films, people, reviews, venues, screenings (+ their programmes), members whose name
    # matches, which of them are public (asked of them alone, not of every member)
    with django_assert_num_queries(8):
        response = client.get(SEARCH, {"q": "lion"})

    results = response.context["results"]
    groups = [results.films, results.people, results.reviews, results.venues, results.screenings]
    assert [len(rows) for rows in groups] == [count] * 5
    assert len(results.members) == count
    assert Person.objects.count() == count


@pytest.mark.parametrize(
    ("typed", "people", "films"),
    [
        ("张曼玉", ["Maggie Cheung"], ["comrades-almost-a-love-story", "irma-vep"]),
        ("張曼玉", ["Maggie Cheung"], ["comrades-almost-a-love-story", "irma-vep"]),
        ("黎明", ["Leon Lai"], ["comrades-almost-a-love-story", "fallen-angels"]),
        ("甜蜜蜜", [], ["comrades-almost-a-love-story"]),
        ("陈可辛", ["Peter Chan"], ["comrades-almost-a-love-story"]),
        ("陳可辛", ["Peter Chan"], ["comrades-almost-a-love-story"]),
        ("王家卫", ["Wong Kar-wai"], ["fallen-angels"]),
        ("王家衛", ["Wong Kar-wai"], ["fallen-angels"]),
    ],
)
def test_simplified_and_traditional_characters_find_the_same(client, seeded, typed, people, films):
    response = client.get(SEARCH, {"q": typed})
    results = response.context["results"]

    assert [person.name for person in results.people] == people
    assert [film.slug for film in results.films] == films
    assert "Nothing matches" not in response.text


def did_you_mean(suggested):
    return f'Did you mean <a href="{SEARCH}?q={quote(suggested)}">{suggested}</a>?'


@pytest.mark.parametrize("typed", ["Irma Vepp", "Vepp"])
def test_a_short_misspelling_that_finds_nothing_suggests_what_was_meant(client, seeded, typed):
    response = client.get(SEARCH, {"q": typed})

    assert f"Nothing matches “{typed}”" in response.text
    suggested = "Irma Vep" if typed == "Irma Vepp" else "Vep"
    assert did_you_mean(suggested) in response.text
    followed = client.get(SEARCH, {"q": suggested}).context["results"]
    assert [film.slug for film in followed.films] == ["irma-vep"]


def test_real_words_that_find_nothing_together_suggest_nothing(client, seeded):
    response = client.get(SEARCH, {"q": "irma comrades"})

    assert "Nothing matches" in response.text
    assert "Did you mean" not in response.text


def test_a_search_that_finds_something_suggests_nothing(client, seeded):
    response = client.get(SEARCH, {"q": "irma vep"})

    assert [film.slug for film in response.context["results"].films] == ["irma-vep"]
    assert "Did you mean" not in response.text


def test_a_misspelt_title_is_suggested_as_the_catalogue_writes_it(client, seeded):
    response = client.get(SEARCH, {"q": "Fallen angles"})

    assert "Nothing matches “Fallen angles”" in response.text
    assert did_you_mean("Fallen Angels") in response.text
    assert "fallen angels" not in response.text
    followed = client.get(SEARCH, {"q": "Fallen Angels"}).context["results"]
    assert [film.slug for film in followed.films] == ["fallen-angels"]


def test_a_misspelt_name_is_suggested_as_the_catalogue_writes_it(client, seeded):
    response = client.get(SEARCH, {"q": "maggie chueng"})

    assert did_you_mean("Maggie Cheung") in response.text
    followed = client.get(SEARCH, {"q": "Maggie Cheung"}).context["results"]
    assert [person.name for person in followed.people] == ["Maggie Cheung"]


@pytest.mark.parametrize("typed", ["Fallen xyzzy", "Fallen zebras", "Leon xyzzy"])
def test_a_word_like_no_word_suggests_nothing(client, seeded, typed):
    response = client.get(SEARCH, {"q": typed})

    assert f"Nothing matches “{typed}”" in response.text
    assert "Did you mean" not in response.text
