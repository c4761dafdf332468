"""A Redis that cannot be reached is a cache miss, not an error: pages are built from the
database, sessions read and written there, and only sign-in is refused (its rate limit lives in
the cache)."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from core import cache as shared_cache
from members.adapter import SIGN_IN_PAUSED

NOBODY_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        alias: {"BACKEND": "core.cache.RedisCache", "LOCATION": NOBODY_LISTENS}
        for alias in ("default", "pages")
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as in production
    shared_cache._broken_until.clear()
    yield
    shared_cache._broken_until.clear()


@pytest.fixture
def connection_attempts(monkeypatch):
    from redis.connection import AbstractConnection

    attempts = []
    original = AbstractConnection.connect

    def connect(connection):
        attempts.append(1)
        return original(connection)

    monkeypatch.setattr(AbstractConnection, "connect", connect)
    return attempts


def test_visitors_pages_answer_from_the_database(client, redis_down, make_review, make_comment):
    review = make_review(title="Still here")
    make_comment(review, body="So am I.")
    pages = ["/", reverse("films:list"), review.film.get_absolute_url(), review.get_absolute_url()]

    responses = [client.get(page) for page in pages]

    assert [response.status_code for response in responses] == [200] * 4
    assert "Still here" in responses[3].text
    assert "So am I." in responses[3].text
    assert all("X-Page-Cache" not in response for response in responses)
    assert client.get("/no-such-page/").status_code == 404


def test_a_member_reads_pages_signed_in(client, redis_down, make_user, make_review):
    member = make_user(username="odessa")
    review = make_review()
    client.force_login(member)  # the session is written to the database

    for page in ["/", review.get_absolute_url(), review.film.get_absolute_url()]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Sign out (odessa)" in response.text, page


def test_signing_in_is_refused_with_a_clear_message(client, redis_down, make_user):
    make_user(email="odessa@example.com", password="the right one")

    response = client.post(
        reverse("account_login"), {"login": "odessa@example.com", "password": "the right one"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [SIGN_IN_PAUSED]
    assert "_auth_user_id" not in client.session


def test_a_member_can_comment_and_everyone_sees_it(
    signed_in, client, redis_down, make_user, make_review
):
    review = make_review()
    member = signed_in(make_user())

    response = member.post(reverse("reviews:comment", args=[review.slug]), {"body": "Hello."})

    assert response.status_code == 302
    assert "Hello." in client.get(review.get_absolute_url()).text


def test_redis_is_left_alone_once_it_failed(client, redis_down, make_review, connection_attempts):
    review = make_review()

    for _ in range(3):
        assert client.get(review.get_absolute_url()).status_code == 200

    assert len(connection_attempts) == 1
    assert shared_cache.cache_is_down(caches["pages"])


def test_other_rate_limits_let_visitors_through(client, redis_down, db):
    from django.contrib.auth import get_user_model

    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "username": "newcomer",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )

    assert response.status_code == 302
    assert get_user_model().objects.filter(username="newcomer").exists()
