"""The mails' "can't come?" link (screenings.not_going): a member's own signed link that works
without signing in, asks on GET, gives the place back on POST (to the first member waiting, as
the screening page's button does), once, and refuses what it should, each with a clear page."""

import datetime
import time

import pytest
from django.core import mail, signing
from django.test import Client

from screenings.not_going import MAX_AGE, SALT, not_going_path
from screenings.rsvps import join_waitlist, take_rsvp


@pytest.fixture
def full(make_screening, make_member, mailing):
    """A screening with its two places taken, and a member waiting."""
    screening = make_screening(capacity=2)
    going = [make_member(), make_member()]
    for member in going:
        take_rsvp(screening=screening, user=member)
    waiting = make_member()
    join_waitlist(screening=screening, user=waiting)
    return screening, going[0], waiting


def visitor():
    """A browser with no session, as a mail reader's may be; CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def press_button(browser, path):
    """Open the link, then press its button (the form's CSRF token as the browser sends it)."""
    page = browser.get(path)
    token = page.context["csrf_token"]
    return browser.post(path, {"csrfmiddlewaretoken": str(token)})


def test_opening_the_link_asks_and_changes_nothing(full):
    screening, member, _ = full
    path = not_going_path(member.pk, screening.pk)

    browser = visitor()
    asked = browser.get(path)
    browser.head(path)

    assert asked.status_code == 200
    assert "I can’t come</button>" in asked.text
    assert "you said you are going" in asked.text
    assert asked["Cache-Control"] == "private, no-store"  # one member's page: kept by no cache
    assert screening.rsvps.filter(user=member).exists()


def test_the_button_gives_the_place_to_the_first_member_waiting_without_signing_in(
    full, django_capture_on_commit_callbacks
):
    screening, member, waiting = full
    path = not_going_path(member.pk, screening.pk)

    with django_capture_on_commit_callbacks(execute=True):
        done = press_button(visitor(), path)

    assert done.status_code == 200
    assert "you are no longer going" in done.text
    assert screening.rsvps.filter(user=member).exists() is False
    assert screening.rsvps.filter(user=waiting).exists()
    assert screening.waitlist.count() == 0
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert mail.outbox[0].subject == f"A place is yours: {screening.title}"


def test_pressing_twice_says_already_and_gives_nothing_twice(full):
    screening, member, waiting = full
    path = not_going_path(member.pk, screening.pk)
    browser = visitor()
    press_button(browser, path)

    again = press_button(browser, path)
    opened_again = browser.get(path)

    assert again.status_code == opened_again.status_code == 200
    assert "You are already not going to this screening" in again.text
    assert "You are already not going to this screening" in opened_again.text
    assert "I can’t come</button>" not in opened_again.text
    assert screening.rsvps.count() == 2  # the other member and the one who waited
    assert screening.rsvps.filter(user=waiting).exists()


def test_a_link_is_one_members_and_one_screenings(full, make_screening):
    screening, member, _ = full
    other = make_screening()
    take_rsvp(screening=other, user=member)

    press_button(visitor(), not_going_path(member.pk, other.pk))

    assert screening.rsvps.filter(user=member).exists()
    assert other.rsvps.filter(user=member).exists() is False


@pytest.mark.parametrize(
    "alter",
    [
        lambda token: token[:-4],  # cut short by a mail program
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: signing.dumps([1, 1], salt="another.salt"),
        lambda token: "not-a-token",
    ],
)
def test_an_altered_link_is_refused_with_a_clear_page(full, alter):
    screening, member, _ = full
    token = not_going_path(member.pk, screening.pk).rstrip("/").rsplit("/", 1)[1]
    path = not_going_path(member.pk, screening.pk).replace(token, alter(token))
    browser = Client()  # the page has no form: a POST sent anyway (an old tab, a script)

    opened = browser.get(path)
    pressed = browser.post(path)

    assert opened.status_code == pressed.status_code == 400
    assert "<h1>This link does not work</h1>" in pressed.text
    assert "Nothing was changed." in pressed.text
    assert screening.rsvps.filter(user=member).exists()


def test_a_link_past_its_age_is_refused_as_expired(full):
    screening, member, _ = full

    class Then(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - MAX_AGE.total_seconds() - 60))

    path = not_going_path(member.pk, screening.pk)
    token = path.rstrip("/").rsplit("/", 1)[1]
    old = path.replace(token, Then(salt=SALT).sign_object([member.pk, screening.pk]))
    browser = Client()  # the page has no form: a POST sent anyway (an old tab, a script)

    opened = browser.get(old)
    pressed = browser.post(old)

    assert opened.status_code == pressed.status_code == 400
    assert "<h1>This link has expired</h1>" in pressed.text
    assert f"last {MAX_AGE.days} days" in pressed.text
    assert screening.rsvps.filter(user=member).exists()


def test_a_past_screening_is_refused_politely(make_screening, make_member):
    screening = make_screening(date=datetime.date(2020, 6, 30))
    member = make_member()
    screening.rsvps.create(user=member)
    path = not_going_path(member.pk, screening.pk)
    browser = Client()  # the page has no form: a POST sent anyway (an old tab, a script)

    opened = browser.get(path)
    pressed = browser.post(path)

    assert opened.status_code == pressed.status_code == 200
    assert "This screening has already taken place" in pressed.text
    assert "I can’t come</button>" not in opened.text
    assert screening.rsvps.filter(user=member).exists()


def test_a_deleted_account_or_screening_gets_a_clear_page(full):
    screening, member, _ = full
    path = not_going_path(member.pk, screening.pk)
    member.delete()

    response = visitor().get(path)

    assert response.status_code == 404
    assert "This screening or account is no longer here" in response.text


def test_the_button_is_rate_limited_and_writes_nothing_over_the_limit(full, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "rsvp": "2/m"}
    screening, member, _ = full
    path = not_going_path(member.pk, screening.pk)
    browser = visitor()
    token = str(browser.get(path).context["csrf_token"])
    for _ in range(2):
        browser.post(not_going_path(member.pk, 99999), {"csrfmiddlewaretoken": token})

    refused = browser.post(path, {"csrfmiddlewaretoken": token})

    assert refused.status_code == 429
    assert screening.rsvps.filter(user=member).exists()
