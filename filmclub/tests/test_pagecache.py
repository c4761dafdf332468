import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from filmclub.pagecache import invalidate, remembered
from filmclub.tests.test_security import run_settings
from films.models import Country


def test_anonymous_page_is_served_from_cache_without_queries(
    client, make_film, django_assert_num_queries
):
    make_film(title="To Become a Lion")
    first = client.get(reverse("films:list"))

    with django_assert_num_queries(0):
        second = client.get(reverse("films:list"))

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_a_cached_page_costs_one_request_to_the_cache(client, make_film, monkeypatch):
    make_film(title="To Become a Lion")
    client.get(reverse("films:list"))
    cache, requests, inside = caches["pages"], [], []
    for name in ("get", "get_many", "add", "set"):
        original = getattr(cache, name)

        # Only the middleware's own calls: the memory cache's get_many calls get for each key,
        # where Redis's is one MGET.
        def counted(*args, _original=original, _name=name, **kwargs):
            if not inside:
                requests.append(_name)
            inside.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, counted)

    response = client.get(reverse("films:list"))

    assert response["X-Page-Cache"] == "hit"
    assert requests == ["get_many"]


def test_cached_page_is_never_stale_after_a_change(client, make_film):
    film = make_film(title="Old title")
    client.get(film.get_absolute_url())

    film.title = "New title"
    film.save()
    response = client.get(film.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assert "<h1>New title</h1>" in response.text


def test_many_to_many_change_invalidates(client, make_film, make_person):
    film = make_film(title="Before")
    client.get(reverse("films:list"))

    film.countries.create(code="HK", name="Hong Kong")
    response = client.get(reverse("films:list"))

    assert response["X-Page-Cache"] == "miss"


def test_signing_in_leaves_cached_pages_cached(client, make_user, make_film):
    make_film(title="To Become a Lion")
    member = make_user()
    client.get(reverse("films:list"))

    Client().force_login(member)  # stamps last_login, which no page shows
    member.first_name = "Leon"
    again = client.get(reverse("films:list"))
    member.save()  # a change a page may show (a member's name)
    after_change = client.get(reverse("films:list"))

    assert again["X-Page-Cache"] == "hit"
    assert after_change["X-Page-Cache"] == "miss"


def test_signed_in_member_pages_are_not_cached(client, make_user, make_film):
    make_film()
    client.force_login(make_user(username="odessa"))

    client.get(reverse("films:list"))
    response = client.get(reverse("films:list"))

    assert "X-Page-Cache" not in response
    assert "odessa" in response.text


def test_cached_page_never_holds_a_members_name(client, make_user, make_film):
    make_film()
    member = make_user(username="odessa")
    client.force_login(member)
    client.get(reverse("films:list"))
    client.logout()

    response = client.get(reverse("films:list"))

    assert member.username not in response.text


def test_page_with_a_csrf_token_is_not_cached(client, db):
    client.get(reverse("account_login"))
    response = client.get(reverse("account_login"))

    assert "X-Page-Cache" not in response
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_page_for_a_visitor_with_pending_messages_is_not_cached(client, make_film):
    film = make_film()
    client.cookies["messages"] = "pending"

    client.get(film.get_absolute_url())
    response = client.get(film.get_absolute_url())

    assert "X-Page-Cache" not in response


def test_pages_are_invalidated_again_when_the_change_commits(
    client, make_film, django_capture_on_commit_callbacks
):
    """A page rendered between the save and the commit shows the old data: the second bump at
    commit makes sure such a page is never served afterwards."""
    film = make_film(title="Before")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        film.title = "After"
        film.save()
        client.get(film.get_absolute_url())  # cached during the transaction
    response = client.get(film.get_absolute_url())

    assert len(callbacks) == 1
    assert response["X-Page-Cache"] == "miss"


def test_page_cache_is_off_without_a_shared_cache_in_production():
    result = run_settings(
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.example"},
        "settings.PAGE_CACHE_SECONDS",
    )

    assert result.stdout.strip() == "0"


def counting_builds():
    """A build function returning how many times it has been called."""
    builds = []

    def build():
        builds.append(len(builds) + 1)
        return builds[-1]

    return build


def test_a_value_remembered_from_one_area_is_kept_until_that_area_changes(make_film, make_user):
    build = counting_builds()
    film = make_film()
    kept = remembered("test", build, area="programme")
    make_user()  # members are not part of the programme
    kept_again = remembered("test", build, area="programme")
    film.countries.add(Country.objects.create(code="HK", name="Hong Kong"))  # many-to-many
    after_change = remembered("test", build, area="programme")

    assert (kept, kept_again, after_change) == (1, 1, 2)
    # the same write makes a value remembered for the whole club stale
    assert remembered("whole", build) == 3
    make_user()
    assert remembered("whole", build) == 4


def test_a_write_that_sent_no_signal_makes_every_area_stale(db):
    build = counting_builds()
    before = remembered("test", build, area="programme")
    invalidate()  # as after bulk writes (generate_bench_data)

    assert (before, remembered("test", build, area="programme")) == (1, 2)


def test_an_unknown_area_is_refused(db):
    with pytest.raises(ValueError, match="No such area"):
        remembered("test", lambda: 1, area="programmes")
