"""How many members want to see a film (its page), and staff's "most wanted" list."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from members.models import WatchlistEntry

MOST_WANTED = "admin:members_watchlistentry_most_wanted"


def want(film, *members):
    for member in members:
        WatchlistEntry.objects.create(member=member, film=film)


def test_film_page_counts_members_who_want_to_see_it(client, make_film, make_user):
    film = make_film()
    want(film, make_user(), make_user(), make_user(is_active=False))

    response = client.get(film.get_absolute_url())

    assert "2 members want to see it" in " ".join(response.text.split())


def test_film_page_says_one_member_wants_to_see_it(client, make_film, make_user):
    film = make_film()
    want(film, make_user())

    response = client.get(film.get_absolute_url())

    assert "1 member wants to see it" in " ".join(response.text.split())


def test_film_page_says_nothing_when_nobody_wants_it(client, make_film):
    response = client.get(make_film().get_absolute_url())

    assert "want to see it" not in response.text
    assert "wants to see it" not in response.text


def test_a_new_entry_updates_a_cached_film_page(client, make_film, make_user):
    film = make_film()
    client.get(film.get_absolute_url())  # kept

    want(film, make_user())
    response = client.get(film.get_absolute_url())

    assert "1 member wants to see it" in " ".join(response.text.split())


@pytest.fixture
def catalogue_staff(make_user):
    clerk = make_user(username="clerk", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(content_type__app_label="films", codename="view_film")
    )
    return clerk


def test_most_wanted_lists_films_by_how_many_want_them(
    signed_in, catalogue_staff, make_film, make_user
):
    one, three, none = make_film(title="One"), make_film(title="Three"), make_film(title="None")
    members = [make_user() for _ in range(3)]
    want(three, *members)
    want(one, members[0])

    response = signed_in(catalogue_staff).get(reverse(MOST_WANTED))

    assert [(film.title, film.wanted) for film in response.context["films"]] == [
        ("Three", 3),
        ("One", 1),
    ]
    assert none.title not in [film.title for film in response.context["films"]]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("visitor", 302),
        ("member", 302),
        ("staff without permissions", 403),
        ("catalogue staff", 200),
    ],
)
def test_most_wanted_needs_the_permission_to_view_films(
    client, make_user, catalogue_staff, who, expected
):
    people = {
        "visitor": None,
        "member": make_user(),
        "staff without permissions": make_user(is_staff=True),
        "catalogue staff": catalogue_staff,
    }
    if people[who]:
        client.force_login(people[who])

    response = client.get(reverse(MOST_WANTED))

    assert response.status_code == expected
    if expected == 302:
        assert "/login/" in response.url


def test_watchlist_entries_are_read_only_in_the_admin(signed_in, staff_user, make_film):
    film = make_film()
    want(film, staff_user)

    response = signed_in(staff_user).get(reverse("admin:members_watchlistentry_changelist"))

    assert response.status_code == 200
    assert reverse(MOST_WANTED) in response.text
    assert reverse("admin:members_watchlistentry_add") not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_most_wanted_query_count_is_constant(
    signed_in, staff_user, make_film, make_user, count, django_assert_num_queries
):
    member = make_user()
    for _ in range(count):
        want(make_film(), member)
    client = signed_in(staff_user)

    with django_assert_num_queries(4):
        response = client.get(reverse(MOST_WANTED))

    assert len(response.context["films"]) == count
