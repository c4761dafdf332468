"""Nobody passes for the club or for another member: the handle is shown beside every display
name, and display names that look like the club's name or another's handle are refused."""

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse

from members.tests.joining import signup


def save_profile(client, member, display_name):
    client.force_login(member)
    return client.post(
        reverse("members:edit", args=[member.username]), {"display_name": display_name, "bio": ""}
    )


@pytest.mark.parametrize(
    "display_name",
    [
        "filmclub",
        "FilmClub",
        "Film Club",
        "f.i.l.m-c.l.u.b",
        "ｆｉｌｍｃｌｕｂ",  # fullwidth letters (NFKC)
        "fіlmсlub",  # Cyrillic і and с
        "filmclub\u200b",  # an invisible space
        "The filmclub team",
        "odessa",
        "ODESSA",
        "Odes sa",
        "оdessa",  # Cyrillic о
        "FiImclub",  # a capital I for the l
        "fılmclub",  # a dotless ı
        "fi1mclub",  # the digit 1 for the l
        "0dessa",  # the digit 0 for the O
        "Alice",  # another member's handle "a1ice", its 1 an l
    ],
)
def test_a_display_name_that_passes_for_the_club_or_another_member_is_refused(
    client, make_user, display_name
):
    make_user(username="odessa", display_name="Odessa")
    make_user(username="a1ice")
    mallory = make_user(username="mallory", display_name="Mallory")

    response = save_profile(client, mallory, display_name)

    mallory.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"][0].startswith("That name is ")
    assert mallory.display_name == "Mallory"


def test_the_sites_name_is_the_clubs_too(client, make_user):
    Site.objects.filter(pk=1).update(name="Brooklyn Cinema Society")
    mallory = make_user(username="mallory")

    response = save_profile(client, mallory, "brooklyn cinema society")

    assert response.context["form"].errors["display_name"] == [
        "That name is the club's own: choose a name of yours."
    ]


@pytest.mark.parametrize("display_name", ["Odessa", "O-dessa", "Odessa Chen", ""])
def test_ones_own_handle_and_other_names_are_fine(client, make_user, display_name):
    odessa = make_user(username="odessa")

    response = save_profile(client, odessa, display_name)

    odessa.refresh_from_db()
    assert response.status_code == 302
    assert odessa.display_name == display_name


def test_signup_refuses_the_clubs_name_as_display_name_or_handle(client, make_user):
    make_user(username="odessa")

    as_club = signup(client, display_name="Film Club")
    as_odessa = signup(client, display_name="Odessa", email="o@example.com", username="o2")
    club_handle = signup(client, username="film-club", email="c@example.com", display_name="")

    assert as_club.context["form"].errors["display_name"] == [
        "That name is the club's own: choose a name of yours."
    ]
    assert as_odessa.context["form"].errors["display_name"] == [
        "That name is another member's handle: choose a name of yours."
    ]
    assert club_handle.context["form"].errors["username"] == [
        "That handle is the club's own name: choose one of yours."
    ]


@pytest.fixture
def by_mallory(make_user, make_review, make_comment):
    """A review and a comment by a member whose display name was set before the rule."""
    mallory = make_user(username="mallory", display_name="The Club")
    review = make_review(author=mallory, title="Official notice")
    make_comment(review, author=mallory, body="Signed, the club")
    return review


NAMED = '<a href="/members/mallory/">The Club</a> <span class="handle">@mallory</span>'


@pytest.mark.parametrize("page", ["review list", "review page", "film page", "home"])
def test_the_handle_is_shown_beside_the_display_name(client, by_mallory, page):
    url = {
        "review list": reverse("reviews:list"),
        "review page": by_mallory.get_absolute_url(),
        "film page": by_mallory.film.get_absolute_url(),
        "home": reverse("home"),
    }[page]

    response = client.get(url)

    assert NAMED in response.text
    if page == "review page":  # the review's byline and the comment's
        assert response.text.count(NAMED) == 2


def test_the_feeds_name_the_handle_too(client, by_mallory):
    response = client.get(reverse("reviews:feed"))

    assert "<name>The Club (@mallory)</name>" in response.text
