"""PostgreSQL plans a statement a connection runs again and again once: the parameters travel
apart from the SQL (server-side binding), and psycopg prepares a statement on its fifth run
(DJANGO_DB_PREPARE_THRESHOLD; `off` behind a pooler that cannot keep prepared statements)."""

import pytest
from django.db import connection

from core.tests.concurrency import needs_postgresql
from filmclub.tests.test_security import run_settings
from films.models import Film

POSTGRESQL = {"DJANGO_DEBUG": "true", "DATABASE_URL": "postgres://club@db.example:5432/filmclub"}
OPTIONS = "settings.DATABASES['default']['OPTIONS']"


def prepared_statements_reading(table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [f'%FROM "{table}"%'],
        )
        return cursor.fetchone()[0]


@needs_postgresql
@pytest.mark.django_db
def test_a_query_run_five_times_on_a_connection_is_prepared_once(seeded):
    film = Film.objects.get(slug="comrades-almost-a-love-story")
    before = prepared_statements_reading("films_film")

    for _ in range(6):
        assert Film.objects.filter(pk=film.pk).values_list("title", flat=True)[0] == film.title

    assert prepared_statements_reading("films_film") == before + 1


def test_postgresql_binds_on_the_server_and_prepares_on_the_fifth_run_by_default():
    result = run_settings(POSTGRESQL, OPTIONS)

    assert result.returncode == 0, result.stderr
    assert "'server_side_binding': True" in result.stdout
    assert "'prepare_threshold': 5" in result.stdout


def test_preparing_can_be_turned_off_for_a_pooler():
    result = run_settings({**POSTGRESQL, "DJANGO_DB_PREPARE_THRESHOLD": "off"}, OPTIONS)

    assert result.returncode == 0, result.stderr
    assert "'prepare_threshold': None" in result.stdout


def test_a_threshold_that_is_not_a_count_is_refused_by_name():
    result = run_settings({**POSTGRESQL, "DJANGO_DB_PREPARE_THRESHOLD": "five"}, OPTIONS)

    assert result.returncode != 0
    assert "DJANGO_DB_PREPARE_THRESHOLD is a count of runs or off, not 'five'" in result.stderr
