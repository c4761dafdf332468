"""The club's week benchmark (bench/club_week.py) at a tiny scale: it measures what it says (the
cancel request mails no one, the worker mails everyone going, the reminder run reminds each member
once) and writes its section of the results without touching the rest."""

import pytest

from bench import club_week


@pytest.fixture
def club(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return club_week.Club(3)


def test_cancelling_mails_everyone_going_from_the_worker_and_reminders_go_once(club):
    [(wall, cpu, _, _, mailed)] = club_week.cancellations(club, 1)
    assert mailed == 3
    assert wall > 0
    assert cpu > 0

    [(_, _, _, _, reminded, mailed)] = club_week.reminder_runs(club, 1)
    assert (reminded, mailed) == (3, 3)


def test_its_section_replaces_the_last_one_and_keeps_the_rest(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Pages\n\nkept\n")
    rows = [(0.1, 0.05, 1.0, 0.5, 3)]
    reminders = [(0.2, 0.1, 1.0, 0.5, 3, 3)]

    club_week.write(results, club_week.section(3, rows, reminders, {1: 0.3, 3: 0.4}))
    club_week.write(results, club_week.section(3, rows, reminders, {1: 0.3, 3: 0.4}))

    text = results.read_text()
    assert text.count(club_week.START) == 1
    assert "kept" in text
    assert "median 100 ms, MET." in text
