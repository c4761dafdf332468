"""“I was there”: a member who checked in at a screening of a film has a badge on their reviews
of it, linking the screening, and their page lists the screenings they attended."""

import datetime
import re

import pytest
from django.urls import reverse

from reviews.film_section import LATEST
from reviews.models import ReviewLike
from screenings.models import ProgrammeItem, Screening
from seasons.audience import CheckIn

BADGE = re.compile(r'<a class="was-there" href="([^"]+)">I was there')


def badges(page):
    """The screening addresses the page's "I was there" badges link."""
    return BADGE.findall(page)


@pytest.fixture
def make_screening_of(venue):
    def make(film, date):
        screening = Screening.objects.create(
            venue=venue, date=date, start_time=datetime.time(20, 30)
        )
        ProgrammeItem.objects.create(screening=screening, film=film)
        return screening

    return make


@pytest.fixture
def evening(make_film, make_user, make_review, make_screening_of):
    """Ana was at a screening of Comrades and reviewed it (and a film she did not see); Bo
    reviewed Comrades without being there."""
    film, other_film = make_film(title="Comrades"), make_film(title="Irma Vep")
    ana, bo = make_user(username="ana"), make_user(username="bo")
    screening = make_screening_of(film, datetime.date(2030, 6, 30))
    CheckIn.objects.create(screening=screening, user=ana)
    return {
        "film": film,
        "screening": screening,
        "ana": ana,
        "hers": make_review(film=film, author=ana, title="Under the stars"),
        "unseen": make_review(film=other_film, author=ana, title="Not seen there"),
        "his": make_review(film=film, author=bo, title="Seen at home"),
    }


def test_her_review_of_the_film_has_the_badge_on_every_page(client, evening):
    where = evening["screening"].get_absolute_url()
    pages = {
        "film": client.get(evening["film"].get_absolute_url()).text,
        "reviews": client.get(reverse("reviews:list")).text,
        "film's reviews": client.get(
            reverse("reviews:film-list", args=[evening["film"].slug])
        ).text,
        "review": client.get(evening["hers"].get_absolute_url()).text,
        "home": client.get(reverse("home")).text,
        "member": client.get(reverse("members:detail", args=["ana"])).text,
    }

    assert {name: badges(page) for name, page in pages.items()} == {name: [where] for name in pages}


def test_no_badge_without_a_check_in_at_a_screening_of_that_film(client, evening):
    assert badges(client.get(evening["his"].get_absolute_url()).text) == []
    assert badges(client.get(evening["unseen"].get_absolute_url()).text) == []


def test_the_badge_links_the_latest_screening_she_was_at(client, evening, make_screening_of):
    later = make_screening_of(evening["film"], datetime.date(2030, 7, 14))
    CheckIn.objects.create(screening=later, user=evening["ana"])

    page = client.get(evening["hers"].get_absolute_url()).text

    assert badges(page) == [later.get_absolute_url()]


def test_a_check_in_shows_at_once_on_pages_already_cached(
    client, signed_in, make_user, evening, make_screening_of
):
    bo, film = evening["his"].author, evening["film"]
    member = signed_in(make_user())
    for address in (film.get_absolute_url(), evening["his"].get_absolute_url()):
        client.get(address)  # kept for visitors
        member.get(address)  # its shared parts kept for members
    client.get(reverse("members:detail", args=["bo"]))

    CheckIn.objects.create(screening=evening["screening"], user=bo)

    film_page = client.get(film.get_absolute_url())
    assert film_page["X-Page-Cache"] == "miss"
    assert len(badges(film_page.text)) == 2
    assert badges(member.get(evening["his"].get_absolute_url()).text) == [
        evening["screening"].get_absolute_url()
    ]
    member_page = client.get(reverse("members:detail", args=["bo"])).text
    assert "Screenings attended" in member_page


def test_her_page_lists_the_screenings_she_attended(client, evening, make_screening_of):
    not_there = make_screening_of(evening["film"], datetime.date(2030, 8, 1))

    response = client.get(reverse("members:detail", args=["ana"]))

    assert '<h2 id="attended-heading">Screenings attended</h2>' in response.text
    assert evening["screening"].get_absolute_url() in response.text
    assert not_there.get_absolute_url() not in response.text


def test_a_member_who_attended_nothing_has_no_such_section(client, evening):
    response = client.get(reverse("members:detail", args=["bo"]))

    assert "Screenings attended" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_member_page_query_count_is_constant_in_screenings_attended(
    client, make_user, make_film, make_review, make_screening_of, count, django_assert_num_queries
):
    ana = make_user(username="ana")
    for day in range(count):
        film = make_film()
        screening = make_screening_of(film, datetime.date(2030, 6, 1 + day))
        CheckIn.objects.create(screening=screening, user=ana)
        make_review(film=film, author=ana)

    # member, reviews, their check-ins, the screenings attended and their programmes, comments,
    # and the profile's parts (counts, favourites, ratings, recent activity, lists)
    with django_assert_num_queries(11):
        response = client.get(reverse("members:detail", args=["ana"]))

    assert len(badges(response.text)) == count
    assert response.text.count('<article class="screening-row') == count


def test_the_screening_page_lists_the_reviews_of_those_who_were_there(client, evening):
    page = client.get(evening["screening"].get_absolute_url()).text

    section = page.split("Reviews by those who were there", 1)[1]
    assert "Under the stars" in section
    assert "Seen at home" not in section  # Bo reviewed the film, but was not there
    assert "Not seen there" not in section  # another film
    assert badges(section) == [evening["screening"].get_absolute_url()]


def test_a_review_written_after_the_check_in_appears_on_the_kept_screening_page(
    client, evening, make_review, make_user, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    url = evening["screening"].get_absolute_url()
    client.get(url)
    cy = make_user(username="cy")
    CheckIn.objects.create(screening=evening["screening"], user=cy)
    make_review(film=evening["film"], author=cy, title="Rain held off")

    assert "Rain held off" in client.get(url).text


def test_a_screening_nobody_reviewed_from_there_has_no_such_section(client, evening):
    evening["hers"].delete()

    page = client.get(evening["screening"].get_absolute_url()).text

    assert "Reviews by those who were there" not in page


@pytest.mark.parametrize("others", [0, LATEST])
def test_her_popular_review_has_the_badge_in_both_of_the_film_pages_lists(
    client, evening, make_review, make_user, others
):
    """Her review is the film's most liked: it is a card among the popular and, with fewer
    reviews than the page lists, among the latest too; with more, only among the popular."""
    ReviewLike.objects.create(review=evening["hers"], member=make_user())
    for number in range(others):
        make_review(film=evening["film"], title=f"Later {number}")

    page = client.get(evening["film"].get_absolute_url()).text

    where = evening["screening"].get_absolute_url()
    assert badges(page) == [where] * (1 if others else 2)
