import datetime
import itertools

import pytest

from films.models import Film
from screenings.models import ProgrammeItem, Screening, Venue

_sequence = itertools.count(1)


@pytest.fixture
def make_venue(db):
    def make(**fields):
        number = next(_sequence)
        fields.setdefault("name", f"Park {number}")
        fields.setdefault("slug", f"park-{number}")
        fields.setdefault("city", "Brooklyn, New York")
        fields.setdefault("latitude", "40.69137")
        fields.setdefault("longitude", "-73.97545")
        fields.setdefault("time_zone", "America/New_York")
        return Venue.objects.create(**fields)

    return make


@pytest.fixture
def fort_greene(make_venue):
    return make_venue(
        name="Fort Greene Park",
        slug="fort-greene-park",
        neighbourhood="Fort Greene",
        address="DeKalb Avenue",
    )


@pytest.fixture
def make_screening(db, make_venue, make_film):
    """A screening; `films=` the programme in order (default: a short, then a feature)."""

    def make(films=None, venue=None, **fields):
        if films is None:
            films = [
                make_film(kind=Film.Kind.SHORT, runtime_minutes=15),
                make_film(kind=Film.Kind.FEATURE, runtime_minutes=116),
            ]
        fields.setdefault("date", datetime.date(2030, 7, 1) + datetime.timedelta(next(_sequence)))
        if not fields.get("starts_at_dusk"):
            fields.setdefault("start_time", datetime.time(20, 0))
        screening = Screening.objects.create(venue=venue or make_venue(), **fields)
        for order, film in enumerate(films, start=1):
            ProgrammeItem.objects.create(screening=screening, film=film, order=order)
        return screening

    return make


@pytest.fixture
def mailing(settings):
    """Notifications mailed as in production, but at once: tasks run when enqueued, and links
    name the site's domain."""
    from django.contrib.sites.models import Site

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": "films.example.org", "name": "filmclub"}
    )
    Site.objects.clear_cache()


@pytest.fixture
def make_member(make_user):
    """A member whose address is verified (mail goes only to those)."""
    from allauth.account.models import EmailAddress

    def make(**fields):
        user = make_user(**fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make
