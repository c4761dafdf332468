from django.conf import settings

from core.ratelimit import parse


def test_limits_are_read_in_allauths_notation():
    assert parse("10/m,100/h") == [(10, 60), (100, 3600)]
    assert parse("5/30s") == [(5, 30)]


def test_every_named_limit_reads_and_allows_someone_something():
    for action, rates in settings.FILMCLUB_RATE_LIMITS.items():
        assert all(count >= 5 and seconds >= 60 for count, seconds in parse(rates)), action
