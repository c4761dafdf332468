"""The shared-cache path: app servers share one Redis for pages, sessions and rate limits."""

import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

# The suite's own Redis database, emptied by these tests: CI's parallel lanes each give theirs.
REDIS_URL = os.environ.get("FILMCLUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_available() and os.environ.get("CI") != "true",
    reason=f"no Redis at {REDIS_URL} (CI always runs this test)",
)


def redis_keys(cache):
    return cache._cache.get_client().keys()


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        alias: {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in [("default", "filmclub-test"), ("pages", "filmclub-test-pages")]
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_page_cached_by_one_server_is_served_and_invalidated_for_all(
    client, redis_cache, make_film, django_assert_num_queries
):
    film = make_film(title="Shared")
    client.get(film.get_absolute_url())

    with django_assert_num_queries(0):
        hit = client.get(film.get_absolute_url())
    film.title = "Changed"
    film.save()
    after_change = client.get(film.get_absolute_url())

    assert hit["X-Page-Cache"] == "hit"
    assert any(key.startswith(b"filmclub-test-pages:") for key in redis_keys(redis_cache))
    assert "<h1>Changed</h1>" in after_change.text


def test_allauth_rate_limit_counts_in_the_shared_cache(client, redis_cache, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip"}
    make_user(email="odessa@example.com")
    attempt = {"login": "odessa@example.com", "password": "wrong"}

    responses = [client.post(reverse("account_login"), attempt) for _ in range(3)]

    errors = [response.context["form"].non_field_errors() for response in responses]
    assert errors == [
        ["The email address and/or password you specified are not correct."],
        ["The email address and/or password you specified are not correct."],
        ["Too many failed login attempts. Try again later."],
    ]
    assert any(b":allauth:rl:" in key for key in redis_keys(redis_cache))


def test_cache_calls_share_one_redis_client(redis_cache):
    """Building a redis.Redis costs more CPU than a page-cache hit: it is built once."""
    redis_cache.set("one", 1)

    assert redis_cache.get("one") == 1
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)


def test_a_session_started_on_one_server_is_read_from_the_shared_cache(
    client, redis_cache, make_user, settings
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as in production
    make_user(username="odessa", email="odessa@example.com", password="the right one")
    signed_in = client.post(
        reverse("account_login"), {"login": "odessa@example.com", "password": "the right one"}
    )

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("reviews:list"))

    assert signed_in.status_code == 302
    assert "odessa" in page.text
    assert any(b"django.contrib.sessions.cached_db" in key for key in redis_keys(redis_cache))
    assert not [query for query in queries if "django_session" in query["sql"]]


@pytest.fixture
def round_trips(monkeypatch):
    """How many times redis-py sends to Redis (a pipeline or a script counts once)."""
    from redis.connection import AbstractConnection

    sent = []
    original = AbstractConnection.send_packed_command

    def send(connection, *args, **kwargs):
        sent.append(1)
        return original(connection, *args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", send)
    return sent


def test_a_cached_page_costs_one_round_trip_to_redis(
    client, redis_cache, make_film, round_trips, django_assert_num_queries
):
    make_film(title="To Become a Lion")
    client.get(reverse("films:list"))
    round_trips.clear()

    with django_assert_num_queries(0):
        response = client.get(reverse("films:list"))

    assert response["X-Page-Cache"] == "hit"
    assert len(round_trips) == 1


def test_a_kept_shared_part_costs_one_round_trip_and_follows_only_its_own_tags(
    signed_in, redis_cache, make_user, make_review, make_comment, round_trips
):
    review_a, review_b = make_review(), make_review()
    make_comment(review_b, body="On B.")
    member = signed_in(make_user())
    member.get(review_b.get_absolute_url())
    make_comment(review_a, body="On A.")  # another review's tag
    round_trips.clear()

    page = member.get(review_b.get_absolute_url())

    # the review with its discussion's shape, its author's "I was there" (a shared part of its
    # own, seasons' tag) and the thread: one round trip each (sessions are in the database
    # here); and the header's unread notifications (notifications.sending)
    assert len(round_trips) == 4
    assert "On B." in page.text


def test_a_write_makes_the_pages_showing_it_stale_on_every_server(
    client, redis_cache, make_review, make_comment
):
    review_a, review_b = make_review(), make_review()
    for review in (review_a, review_b):
        client.get(review.get_absolute_url())

    make_comment(review_a, body="A fresh thought.")

    fresh = client.get(review_a.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert "A fresh thought." in fresh.text
    assert client.get(review_b.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_write_made_while_redis_was_down_shows_once_it_is_back(
    client, redis_cache, make_film, monkeypatch
):
    from redis.commands.core import Script
    from redis.exceptions import ConnectionError as RedisConnectionError

    from core import cache as shared_cache

    film = make_film(title="Before")
    client.get(film.get_absolute_url())
    assert client.get(film.get_absolute_url())["X-Page-Cache"] == "hit"

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("down")

    with monkeypatch.context() as outage:
        outage.setattr(Script, "__call__", unreachable)
        film.title = "After"
        film.save()  # its tags cannot be bumped now
    shared_cache._broken_until.clear()  # Redis is back
    response = client.get(film.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assert "<h1>After</h1>" in response.text


def test_an_entry_an_earlier_release_kept_that_no_longer_unpickles_is_a_miss(redis_cache):
    """A release that moves a class (DiscussionShape moved to reviews.discussions) must not turn
    the entries the last release kept into 500s: such an entry is a miss, then replaced."""
    from core.pagecache import tag_store

    store = tag_store()
    _, clock = store.fetch("old-release")
    assert store.store("old-release", {"shape": 1}, ["review:1"], clock, 60)
    pages = caches["pages"]
    client = pages._cache.get_client(write=True)
    key = pages.make_and_validate_key("old-release")
    header, _, _ = client.get(key).partition(b"\n")
    client.set(key, header + b"\n" + b"creviews.gone\nShape\n)\x81.")

    found, clock = store.fetch("old-release")

    assert found is None
    assert store.store("old-release", {"shape": 2}, ["review:1"], clock, 60)
    assert store.fetch("old-release")[0][1] == {"shape": 2}
