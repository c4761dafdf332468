"""When the database goes away, the site still answers: pages the page cache holds are served,
static files too, and a page that needs the database says so with a 503 (not a 500).

Run in a child process of its own, with a database of its own (SQLite, and PostgreSQL where it
answers): the child builds the club, serves a page into the page cache, then loses its database
(the SQLite file's folder gone; PostgreSQL's port closed) and asks again.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://root@127.0.0.1:5432/postgres"

CHILD = r"""
import json, shutil, sys
import django
from django.conf import settings
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client

call_command("migrate", verbosity=0)
call_command("loadseeds", verbosity=0)
settings.DEBUG = False  # production's error handling: handler500, not the debug page
client = Client(raise_request_exception=False, HTTP_HOST="localhost")
film = "/films/comrades-almost-a-love-story/"
seen = {"first": client.get(film).get("X-Page-Cache")}

connection = connections["default"]
connection.close()
if connection.vendor == "sqlite":
    shutil.rmtree(sys.argv[1])  # the file and its folder: nothing to reopen
else:
    connection.settings_dict["PORT"] = 1  # nothing listens there
connection.close()

cached = client.get(film)
uncached = client.get("/films/")
static = client.get("/static/css/site.css")
seen.update(
    cached=[cached.status_code, cached.get("X-Page-Cache"), "Comrades" in cached.text],
    uncached=[uncached.status_code, uncached.get("Retry-After"), uncached.text],
    static=static.status_code,
)
print(json.dumps(seen))
"""


def postgres_available():
    try:
        import psycopg

        psycopg.connect(POSTGRES, connect_timeout=2).close()
    except Exception:
        return False
    return True


def run_child(tmp_path, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "filmclub.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url,
        "DJANGO_PAGE_CACHE_SECONDS": "300",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("REDIS_URL", None)  # the page cache in the child's own memory
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "db")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_outage_handled(seen):
    assert seen["first"] == "miss"
    status, cache, shows_film = seen["cached"]
    assert (status, cache, shows_film) == (200, "hit", True)
    status, retry_after, text = seen["uncached"]
    assert status == 503
    assert retry_after == "30"
    assert "Back in a moment" in text
    assert "saved is lost" in text
    assert seen["static"] == 200


def test_sqlite_outage_serves_what_it_can(tmp_path):
    (tmp_path / "db").mkdir()
    seen = run_child(tmp_path, f"sqlite:///{tmp_path / 'db' / 'club.sqlite3'}")
    assert_outage_handled(seen)


@pytest.mark.skipif(
    not postgres_available() and os.environ.get("CI") != "true",
    reason="no PostgreSQL on 127.0.0.1:5432 (CI always runs this test)",
)
def test_postgresql_outage_serves_what_it_can(tmp_path):
    import psycopg

    name = f"filmclub_outage_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        seen = run_child(tmp_path, f"postgres://root@127.0.0.1:5432/{name}")
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert_outage_handled(seen)


def test_a_database_error_with_the_database_up_is_still_a_500(client, monkeypatch, settings):
    """A lock timeout or a bad query is a fault of ours, not an outage: the 500 page."""
    from django.db import OperationalError

    import films.views

    def fail(*args, **kwargs):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(films.views.FilmListView, "get", fail)
    client.raise_request_exception = False

    response = client.get("/films/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
