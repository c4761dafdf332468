import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_sends_security_headers(client, db):
    response = client.get("/films/")

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "base-uri": "'self'",
        "object-src": "'none'",
    }
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Permissions-Policy"].startswith("camera=(), microphone=()")


def test_404_page_sends_security_headers_too(client, db):
    response = client.get("/films/nothing-here/")

    assert response.status_code == 404
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def run_settings(env, expression="settings.SESSION_COOKIE_NAME"):
    """Import the settings in a fresh interpreter with exactly `env`, as a server would, and
    print `expression`."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "REDIS_URL"
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"from django.conf import settings; print({expression})",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "filmclub.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "a.example"}, "DJANGO_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_variables(env, missing):
    result = run_settings(env)

    assert result.returncode != 0
    assert f"{missing} must be set when DJANGO_DEBUG is off" in result.stderr


def test_production_cookies_are_host_bound_secure_and_lax():
    expression = ", ".join(
        f"settings.{kind}_COOKIE_{name}"
        for kind in ("SESSION", "CSRF")
        for name in ("NAME", "SECURE", "HTTPONLY", "SAMESITE")
    )
    expression += (
        ", settings.KNOWN_DEVICE_COOKIE_NAME"  # secure as the session's (members/adapter.py)
    )
    result = run_settings(
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.example"}, expression
    )

    assert result.stdout.split() == [
        *("__Host-sessionid", "True", "True", "Lax"),
        *("__Host-csrftoken", "True", "True", "Lax"),
        "__Host-known_device",
    ]


def test_media_storage_options_must_be_json():
    result = run_settings({"DJANGO_DEBUG": "true", "DJANGO_MEDIA_STORAGE_OPTIONS": "{oops"})

    assert result.returncode != 0
    assert "DJANGO_MEDIA_STORAGE_OPTIONS is not valid JSON" in result.stderr


def test_media_storage_is_chosen_by_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.STORAGES['default'])",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "filmclub.settings",
            "DJANGO_DEBUG": "true",
            "DJANGO_MEDIA_STORAGE": "django.core.files.storage.InMemoryStorage",
            "DJANGO_MEDIA_STORAGE_OPTIONS": '{"location": "club"}',
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == (
        "{'BACKEND': 'django.core.files.storage.InMemoryStorage', 'OPTIONS': {'location': 'club'}}"
    )


def test_allauth_reads_the_trusted_proxy_count_from_the_environment():
    result = run_settings(
        {"DJANGO_DEBUG": "true", "DJANGO_TRUSTED_PROXY_COUNT": "1"},
        "__import__('allauth.app_settings').app_settings.TRUSTED_PROXY_COUNT",
    )

    assert result.stdout.strip() == "1", result.stderr


def test_behind_a_proxy_each_client_has_its_own_login_rate_limit(client, make_user, settings):
    """With the proxy counted, the failed logins of one visitor do not lock out another who
    comes through the same proxy (REMOTE_ADDR is the proxy's for both)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip"}
    make_user(email="odessa@example.com")
    attempt = {"login": "odessa@example.com", "password": "wrong"}

    def failed_login(client_ip):
        response = client.post(
            reverse("account_login"),
            attempt,
            HTTP_X_FORWARDED_FOR=client_ip,
            REMOTE_ADDR="10.0.0.2",
        )
        return response.context["form"].non_field_errors()

    first = [failed_login("203.0.113.7") for _ in range(3)]
    other = failed_login("198.51.100.4")

    assert first[-1] == ["Too many failed login attempts. Try again later."]
    assert other == ["The email address and/or password you specified are not correct."]


def test_with_redis_the_cache_sessions_and_pages_are_shared():
    result = run_settings(
        {"DJANGO_DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/15"},
        "settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'], "
        "settings.CACHES['pages']['BACKEND'], settings.PAGE_CACHE_SECONDS",
    )

    assert result.stdout.split() == [
        "django.contrib.sessions.backends.cached_db",
        "core.cache.RedisCache",
        "core.cache.RedisCache",
        "300",
    ]


def test_static_files_send_the_security_headers_too(client, settings, db):
    settings.WHITENOISE_USE_FINDERS = True

    def policy(response):
        directives = response.headers["Content-Security-Policy"].split(";")
        return dict(directive.strip().split(" ", 1) for directive in directives)

    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert policy(response) == policy(client.get("/films/"))
    assert policy(response)["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("count", "behind_proxy", "warned"),
    [(0, False, False), (1, False, True), (1, True, False)],
)
def test_a_proxy_count_without_a_proxy_is_warned_of(settings, count, behind_proxy, warned):
    from django.core.checks import run_checks

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if behind_proxy else None

    ids = [message.id for message in run_checks(include_deployment_checks=True)]

    assert ("filmclub.W001" in ids) is warned
