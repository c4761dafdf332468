"""Fixtures every app shares: test settings, and small factories that fill defaults."""

import email
import email.policy
import itertools
import socket
import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from core.tests.seeds import load_seeds
from films.models import CastCredit, CrewCredit, Film, Person
from reviews.models import Comment, Review
from screenings.models import ProgrammeItem, Screening, Venue

_sequence = itertools.count(1)

# Property tests say what always holds, not how fast (speed is bin/bench's): no deadline per
# example, which a busy machine missed once (489 ms against hypothesis's default 200 ms).
hypothesis_settings.register_profile("filmclub", deadline=None)
hypothesis_settings.load_profile("filmclub")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PAGE_CACHE_SECONDS = 300  # as in production with a shared cache: pages are cached
    # Every test starts with empty caches: no cached page, no rate limit already used.
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def unused_port():
    """A TCP port on 127.0.0.1 that nothing listens on now (the system's choice, so two test
    runs on one machine, as CI's parallel lanes, never reach for the same one)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What a real SMTP server (aiosmtpd) received: (recipients, parsed message) pairs."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_settings(settings, unused_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = unused_port
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture
def smtp_server(smtp_settings):
    """Start it when asked; stopped at the end."""
    mailbox = Mailbox()
    controllers = []

    def start():
        controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
        controller.start()
        controllers.append(controller)
        return mailbox

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def seeded(db):
    """The database with every seed fixture loaded, as `bin/serve` loads it (core.tests.seeds:
    loaded once a session, then put back as rows)."""
    load_seeds()


@pytest.fixture
def make_user(db, django_user_model):
    def make(**fields):
        number = next(_sequence)
        fields.setdefault("username", f"member{number}")
        fields.setdefault("email", f"member{number}@example.com")
        password = fields.pop("password", "correct horse battery staple")
        user = django_user_model(**fields)
        user.set_password(password)
        user.save()
        return user

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def member(make_user):
    """A member: a user with no staff rights."""
    return make_user()


@pytest.fixture
def member_client(member, signed_in):
    """A test client signed in as `member`."""
    return signed_in(member)


@pytest.fixture
def staff_client(client, staff_user):
    """The test client signed in as `staff_user` (pytest-django's admin_client signs in its own)."""
    client.force_login(staff_user)
    return client


@pytest.fixture
def make_member(make_user):
    """A member whose address is verified (mail goes only to those)."""

    def make(**fields):
        user = make_user(**fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


def _named(fields, noun):
    """Fill in a numbered name ("Park 3") and its slug ("park-3"), where `fields` has none."""
    number = next(_sequence)
    fields.setdefault("name", f"{noun} {number}")
    fields.setdefault("slug", f"{noun.lower()}-{number}")


@pytest.fixture
def make_person(db):
    def make(**fields):
        _named(fields, "Person")
        return Person.objects.create(**fields)

    return make


@pytest.fixture
def make_film(db, make_person):
    """A film; `director=` and `cast=` take people (or True for a fresh one)."""

    def make(director=None, cast=(), **fields):
        number = next(_sequence)
        fields.setdefault("title", f"Film {number}")
        fields.setdefault("slug", f"film-{number}")
        fields.setdefault("year", 2000)
        film = Film.objects.create(**fields)
        if director is True:
            director = make_person()
        if director:
            CrewCredit.objects.create(film=film, person=director, role=CrewCredit.Role.DIRECTOR)
        for billing, person in enumerate(cast, start=1):
            CastCredit.objects.create(
                film=film, person=person, character=f"Character {billing}", billing=billing
            )
        return film

    return make


@pytest.fixture
def make_review(db, make_user, make_film):
    """A review; published an hour ago unless `status="draft"`."""

    def make(film=None, author=None, status=Review.Status.PUBLISHED, **fields):
        number = next(_sequence)
        fields.setdefault("title", f"Review {number}")
        fields.setdefault("body", f"Review number {number}: a *fine* film.")
        if status == Review.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
        return Review.objects.create(
            film=film or make_film(), author=author or make_user(), status=status, **fields
        )

    return make


@pytest.fixture
def make_venue(db):
    def make(**fields):
        _named(fields, "Park")
        fields.setdefault("city", "Brooklyn, New York")
        fields.setdefault("latitude", "40.69137")
        fields.setdefault("longitude", "-73.97545")
        fields.setdefault("time_zone", "America/New_York")
        return Venue.objects.create(**fields)

    return make


@pytest.fixture
def before_tonight(monkeypatch):
    """The clock at noon today in the test venues' zone (make_venue: New York), running on from
    there: a screening "tonight at 11:30 pm" has not begun, whatever the hour the suite runs at
    (between 11:30 pm and midnight there it would be under way, "On now", its rain call shut)."""
    zone = zoneinfo.ZoneInfo("America/New_York")
    real_now = timezone.now
    started = real_now()
    noon = datetime.combine(started.astimezone(zone).date(), time(12), tzinfo=zone)
    monkeypatch.setattr(timezone, "now", lambda: noon + (real_now() - started))


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
        fields.setdefault("date", date(2030, 7, 1) + timedelta(next(_sequence)))
        if not fields.get("starts_at_dusk"):
            fields.setdefault("start_time", time(20, 0))
        screening = Screening.objects.create(venue=venue or make_venue(), **fields)
        for order, film in enumerate(films, start=1):
            ProgrammeItem.objects.create(screening=screening, film=film, order=order)
        return screening

    return make


@pytest.fixture
def make_comment(db, make_user):
    def make(review, author=None, parent=None, **fields):
        number = next(_sequence)
        fields.setdefault("body", f"Comment number {number}")
        return Comment.objects.create(
            review=review, author=author or make_user(), parent=parent, **fields
        )

    return make


@pytest.fixture
def signed_in(db):
    """A test client signed in as `user`; options go to Client (enforce_csrf_checks=True, say)."""

    def sign_in(user, **options):
        client = Client(**options)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def origin(settings):
    """The site's canonical origin (core.links.site_url) in a test: its domain is one the test
    client never asks on ("testserver"), so a URL shows which of the two it names."""
    settings.SITE_DOMAIN = "films.example.org"
    return "https://films.example.org"
