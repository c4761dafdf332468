"""A member's watchlist page."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from members.models import WatchlistEntry


def watchlist_url(member):
    return reverse("members:watchlist", args=[member.username])


def test_watchlist_lists_films_latest_added_first(client, make_user, make_film):
    member = make_user(display_name="Ming")
    older, newer = make_film(title="Older"), make_film(title="Newer")
    WatchlistEntry.objects.create(
        member=member, film=older, added_at=timezone.now() - timedelta(days=2)
    )
    WatchlistEntry.objects.create(member=member, film=newer)

    response = client.get(watchlist_url(member))

    assert list(response.context["films"]) == [newer, older]
    assert "Ming’s watchlist" in response.text
    assert "2 films" in response.text


def test_watchlist_shows_only_its_members_films(client, make_user, make_film):
    member, other = make_user(), make_user()
    WatchlistEntry.objects.create(member=other, film=make_film())

    response = client.get(watchlist_url(member))

    assert list(response.context["films"]) == []
    assert "watchlist is empty" in response.text


def test_an_unconfirmed_members_watchlist_is_not_found_but_by_themself(
    client, signed_in, make_user
):
    member = make_user()
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)

    stranger = client.get(watchlist_url(member))
    themself = signed_in(member).get(watchlist_url(member))

    assert stranger.status_code == 404
    assert "Your watchlist is empty" in themself.text


def test_a_new_entry_shows_at_once_on_a_cached_watchlist(client, make_user, make_film):
    member, film = make_user(), make_film(title="Comrades")
    client.get(watchlist_url(member))  # kept for visitors

    WatchlistEntry.objects.create(member=member, film=film)
    response = client.get(watchlist_url(member))

    assert list(response.context["films"]) == [film]


@pytest.mark.parametrize("count", [1, 3])
def test_watchlist_query_count_is_constant(
    client, make_user, make_film, count, django_assert_num_queries
):
    member = make_user()
    for _ in range(count):
        WatchlistEntry.objects.create(member=member, film=make_film(director=True))

    with django_assert_num_queries(5):
        response = client.get(watchlist_url(member))

    assert len(response.context["films"]) == count
