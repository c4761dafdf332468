"""Shared fragments ({% shared %}) and remembered counts: parts of signed-in members' pages that
are the same for everyone, cached until the data changes, never with one member's data."""

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from films.models import CastCredit


@pytest.fixture
def member_client(make_user):
    def make(**fields):
        member = make_user(**fields)
        client = Client()
        client.force_login(member)
        return client

    return make


def test_each_member_sees_their_own_menu_around_the_shared_part(member_client, make_film):
    make_film(title="Comrades")
    alice = member_client(username="alice")
    bob = member_client(username="bob")

    alice_page = alice.get(reverse("films:list")).text
    bob_page = bob.get(reverse("films:list")).text  # the catalogue part now comes from the cache

    for handle, page in [("alice", alice_page), ("bob", bob_page)]:
        assert f"Sign out ({handle})" in page
        assert "Comrades" in page
    assert "alice" not in bob_page


def test_a_cached_film_page_part_costs_no_catalogue_query(
    member_client, make_film, make_person, django_assert_num_queries
):
    film = make_film(title="Comrades", director=make_person(name="Peter Chan"))
    client = member_client()
    first = client.get(film.get_absolute_url()).text

    # the session, its member and the film (for its title and the 404); the rest is the fragment
    # but for the member's own parts: their logs of the film and their watchlist (the status
    # box, members.templatetags.diary_tags) and their lists, for "Add it to your list"
    with django_assert_num_queries(6):
        again = client.get(film.get_absolute_url()).text

    # The same page, but for the CSRF tokens of the status box's forms (masked afresh each time).
    assert without_csrf_tokens(again) == without_csrf_tokens(first)
    assert "Peter Chan" in again


def test_the_shared_part_follows_every_change(member_client, make_review, make_film, make_person):
    film = make_film(title="Comrades")
    client = member_client()
    client.get(film.get_absolute_url())

    CastCredit.objects.create(film=film, person=make_person(name="Maggie Cheung"), billing=1)
    make_review(film=film, title="A love story in two cities")
    page = client.get(film.get_absolute_url()).text

    assert "Maggie Cheung" in page
    assert "A love story in two cities" in page


def test_the_home_page_part_varies_with_signing_in(client, member_client, db):
    signed_in = member_client()  # (signing in writes to the database: made stale before)
    anonymous = client.get("/").text
    member = signed_in.get("/").text

    assert "Join the club</a> to write the first one" in anonymous
    assert "Write the first one" in member


def test_a_part_with_a_csrf_token_carries_each_visitors_own(db):
    template = Template(
        "{% load shared %}{% shared 'form' %}<form>{% csrf_token %}</form>{% endshared %}"
    )
    first = template.render(Context({"csrf_token": "first-visitors-token"}))
    second = template.render(Context({"csrf_token": "second-visitors-token"}))

    assert first == (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="first-visitors-token"></form>'
    )
    assert second == first.replace("first-visitors", "second-visitors")


def test_switched_off_every_part_is_rendered_afresh(
    settings, member_client, make_film, django_assert_num_queries
):
    settings.SHARED_FRAGMENTS = False
    film = make_film(title="Comrades")
    client = member_client()
    client.get(film.get_absolute_url())

    # session, member, film, its 10 kinds of related rows in 3 queries (countries and languages
    # in one, its credits and small facts in one, its accolades), reviews (the latest, the most
    # liked among them), their summary, how many want to see it, screenings (the next one among
    # them), seasons' suggestions, audience score, members' lists it is on, the member's logs of
    # it and watchlist, and their own lists
    with django_assert_num_queries(16):
        client.get(film.get_absolute_url())


def test_list_counts_are_remembered_until_the_data_changes(
    settings, member_client, make_film, django_assert_num_queries
):
    settings.SHARED_FRAGMENTS = False  # the list itself is rendered afresh each time
    make_film(title="Comrades", year=1996)
    for _ in range(3):
        make_film(title="Lion", year=1997)
    client = member_client()
    url = reverse("films:list") + "?year=1997"
    three = client.get(url).text

    # session, member, the page's films and their directors: no count, no filter options
    with django_assert_num_queries(4):
        client.get(url)
    make_film(title="Lion", year=1997)
    four = client.get(url).text

    assert "3 films</p>" in three
    assert "4 films</p>" in four


def test_odd_long_urls_are_served_but_not_kept(member_client, make_film, django_assert_num_queries):
    make_film(title="Lion", director=True, year=1997)
    make_film(title="Comrades", year=1996)
    client = member_client()
    url = reverse("films:list") + "?year=1997&padding=" + "x" * 600
    client.get(url)

    # session and member: the made-up parameter is left out of the part's key, so no entry of
    # its own is stored; the part kept for ?year=1997 is served
    with django_assert_num_queries(2):
        page = client.get(url).text

    assert "1 film</p>" in page


def test_made_up_parameters_neither_fill_the_cache_nor_reach_other_members(
    member_client, make_film
):
    for number in range(30):
        make_film(title=f"Lion {number}", year=1997)
    client = member_client()
    url = reverse("films:list")

    odd = client.get(url, {"year": "1997", "made_up": "x1"}).text
    plain = client.get(url, {"year": "1997"}).text  # the part kept for the first request

    assert "made_up" not in odd
    assert plain == odd
    assert 'href="?year=1997&amp;page=2"' in plain


def without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)
