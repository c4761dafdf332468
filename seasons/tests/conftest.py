import datetime
import itertools

import pytest

from seasons.models import Season, Suggestion

_sequence = itertools.count(1)


@pytest.fixture
def venue(make_venue):
    return make_venue(name="Fort Greene Park", slug="fort-greene-park")


@pytest.fixture
def make_season(db, venue):
    """A season in `status` (moved there directly: the transitions are tested on their own)."""

    def make(status=Season.Status.SUGGESTING, venues=None, **fields):
        number = next(_sequence)
        fields.setdefault("name", f"Summer {2030 + number}")
        fields.setdefault("slug", f"summer-{2030 + number}")
        fields.setdefault("starts_on", datetime.date(2031, 6, 1))
        fields.setdefault("ends_on", datetime.date(2031, 8, 31))
        if status == Season.Status.VOTING:
            fields.setdefault("ballot_secret", f"secret-{number}")
        season = Season.objects.create(status=status, **fields)
        season.venues.set(venues if venues is not None else [venue])
        return season

    return make


@pytest.fixture
def make_suggestion(db, make_film, make_user):
    def make(season, film=None, **fields):
        if film is None and not fields.get("title"):
            film = make_film()
        fields.setdefault("pitch", "A film to see under the stars.")
        if "suggested_by" not in fields:
            fields["suggested_by"] = make_user()
        return Suggestion.objects.create(season=season, film=film, **fields)

    return make
