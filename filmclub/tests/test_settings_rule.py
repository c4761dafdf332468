"""The settings rule: manage.py runs in development mode, the WSGI/ASGI entry points in production
mode, and DJANGO_DEBUG set either way wins. Each check runs a fresh interpreter with a clean
environment, as a newcomer's shell or a server would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args, env=None):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"REDIS_URL", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, **(env or {})},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def manage(*args, env=None):
    return run(["manage.py", *args], env)


SETTING = "from django.conf import settings; print(settings.{})"


def test_manage_py_runs_in_development_mode_with_nothing_exported():
    result = manage("shell", "-c", SETTING.format("DEBUG"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"


def test_manage_py_runs_in_production_mode_when_told_and_then_needs_its_secrets():
    result = manage("check", env={"DJANGO_DEBUG": "false"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.parametrize("entry_point", ["filmclub.wsgi", "filmclub.asgi"])
def test_server_entry_points_refuse_to_start_without_their_secrets(entry_point):
    result = run(["-c", f"import {entry_point}"])

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.parametrize("entry_point", ["filmclub.wsgi", "filmclub.asgi"])
def test_server_entry_points_start_in_production_mode_with_their_secrets(entry_point):
    secrets = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "films.example.org"}

    result = run(
        ["-c", f"import {entry_point}; from django.conf import settings; print(settings.DEBUG)"],
        secrets,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_log_record_is_printed_once_in_development():
    code = "import logging; logging.getLogger('django.request').warning('Not Found: /nope/')"

    result = manage("shell", "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Not Found: /nope/") == 1


@pytest.mark.parametrize(
    ("env", "site"),
    [
        ({}, "127.0.0.1 filmclub"),
        (
            {"DJANGO_ALLOWED_HOSTS": ".films.example.org,films.example"},
            "films.example.org filmclub",
        ),
        (
            {
                "DJANGO_ALLOWED_HOSTS": "films.example.org",
                "DJANGO_SITE_DOMAIN": "club.example.org",
                "DJANGO_SITE_NAME": "The Film Club",
            },
            "club.example.org The Film Club",
        ),
    ],
)
def test_the_sites_domain_and_name_come_from_the_environment(env, site):
    result = manage("shell", "-c", SETTING.format("SITE_DOMAIN, settings.SITE_NAME"), env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == site
