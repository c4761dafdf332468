"""A screening query baked with the time (core.baked): "upcoming" is the time less
LONGEST_PROGRAMME, filled in anew on every call."""

from datetime import timedelta

from core.baked import NOT_BAKEABLE, baked
from screenings.models import Screening


@baked
def upcoming_screenings(now):
    return Screening.objects.upcoming(now)


def test_a_time_argument_shifted_by_a_constant_is_shifted_on_every_call(make_screening):
    screening = make_screening()

    before = list(upcoming_screenings(screening.starts_at - timedelta(days=1)))
    long_after = list(upcoming_screenings(screening.starts_at + timedelta(days=30)))

    assert before == [screening]
    assert long_after == []


def test_a_time_argument_shifted_by_a_constant_is_kept_on_every_database(
    make_screening, monkeypatch
):
    """On PostgreSQL a time is a parameter of its own kind, on SQLite text: both are kept."""
    monkeypatch.setattr(upcoming_screenings, "_compiled", {})  # nothing kept by the test above
    list(upcoming_screenings(make_screening().starts_at))

    assert upcoming_screenings._compiled
    assert NOT_BAKEABLE not in upcoming_screenings._compiled.values()
