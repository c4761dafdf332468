"""The inbox, the bell, mail settings and one-click unsubscribe."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications import Kind, notify, sending
from notifications.models import Notification
from notifications.unsubscribe import unsubscribe_path


@pytest.fixture
def tell(make_review, committed):
    def told(user, count=1, kind=Kind.COMMENT):
        review = make_review(title="Night of the Hunter, again")
        for number in range(count):
            committed(
                notify,
                [user],
                kind,
                review,
                subject=f"News {number}",
                text="Something happened.",
                key_parts=[number],
            )
        return review

    return told


def test_the_bell_shows_the_unread_count_and_opening_marks_read(make_member, signed_in, tell):
    reader = make_member()
    review = tell(reader, count=2)
    client = signed_in(reader)

    home = client.get("/")
    inbox = client.get(reverse("notifications:inbox"))
    entry = Notification.objects.for_inbox(reader).first()
    opened = client.get(entry.get_absolute_url())
    after = client.get("/")

    assert re.search(r'class="bell-count">2<', home.text)
    assert "News 0" in inbox.text
    assert "News 1" in inbox.text
    assert opened["Location"] == review.get_absolute_url()
    assert re.search(r'class="bell-count">1<', after.text)
    entry.refresh_from_db()
    assert entry.read_at is not None


def test_the_inbox_says_how_long_ago_in_words(make_member, signed_in, tell):
    reader = make_member()
    tell(reader)
    Notification.objects.filter(recipient=reader).update(
        created_at=timezone.now() - datetime.timedelta(hours=3, minutes=5)
    )
    tell(reader)

    text = signed_in(reader).get(reverse("notifications:inbox")).text

    assert ">now</time>" in text
    assert ">3\xa0hours ago</time>" in text
    assert "0\xa0minutes" not in text


def test_an_empty_inbox_says_what_will_show_there(make_member, signed_in):
    text = signed_in(make_member()).get(reverse("notifications:inbox")).text

    assert "a new screening is announced, it shows here." in text


def test_visitors_see_no_bell(client):
    assert 'class="bell"' not in client.get("/").text


def test_nobody_opens_another_members_notification(make_member, signed_in, tell):
    reader, other = make_member(), make_member()
    tell(reader)
    entry = Notification.objects.get()

    response = signed_in(other).get(entry.get_absolute_url())

    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.read_at is None


def test_mark_all_read_empties_the_bell(make_member, signed_in, tell):
    reader = make_member()
    tell(reader, count=3)
    client = signed_in(reader)

    client.post(reverse("notifications:mark_all_read"))

    assert 'class="bell-count"' not in client.get("/").text
    assert Notification.objects.unread().count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_inbox_query_count_is_constant(
    make_member, signed_in, tell, count, django_assert_num_queries
):
    reader = make_member()
    tell(reader, count=count)
    client = signed_in(reader)
    client.get("/")  # the bell's count is cached

    with django_assert_num_queries(4):
        response = client.get(reverse("notifications:inbox"))

    assert len(response.context["notifications"]) == count


def test_a_new_members_pages_spend_no_query_on_the_bell(make_member, signed_in):
    client = signed_in(make_member())

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reviews:list"))

    assert 'class="bell"' in response.text
    assert [q["sql"] for q in queries if "notifications_notification" in q["sql"]] == []


def test_turning_a_kind_off_stops_its_mail_not_its_inbox_entry(make_member, signed_in, tell):
    reader = make_member()
    client = signed_in(reader)
    form = {kind.value: "on" for kind in Kind if kind not in {Kind.COMMENT, Kind.ANNOUNCEMENT}}

    saved = client.post(reverse("notifications:settings"), form, follow=True)
    tell(reader, kind=Kind.COMMENT)
    tell(reader, kind=Kind.REPLY)

    assert "Your mail settings are saved." in saved.text
    assert [message.subject for message in mail.outbox] == ["News 0"]
    assert [row.kind for row in Notification.objects.for_inbox(reader)] == ["reply", "comment"]
    assert Notification.objects.get(kind="comment").mail_state == "off"


def test_mail_settings_are_rate_limited(make_member, signed_in, settings):
    limits = {**settings.FILMCLUB_RATE_LIMITS, "notification-settings": "2/m"}
    settings.FILMCLUB_RATE_LIMITS = limits
    client = signed_in(make_member())

    answers = [client.post(reverse("notifications:settings"), {}).status_code for _ in range(3)]

    assert answers == [302, 302, 429]


def test_one_click_unsubscribe_works_without_signing_in(make_member, tell):
    reader = make_member()
    path = unsubscribe_path(reader.pk, Kind.COMMENT)
    visitor = Client(enforce_csrf_checks=True)

    asked = visitor.get(path)
    done = visitor.post(path, {"List-Unsubscribe": "One-Click"})
    tell(reader, kind=Kind.COMMENT)

    assert "Stop mail for: <strong>A comment on my review</strong>" in asked.text
    assert done.status_code == 200
    assert "You are unsubscribed" in done.text
    assert mail.outbox == []
    assert Notification.objects.get().mail_state == "off"


def test_the_link_in_the_mail_unsubscribes(make_member, tell):
    reader = make_member()
    tell(reader)
    body = mail.outbox[0].body
    found = re.search(r"Unsubscribe from these mails: https://films\.example\.org(\S+)", body)
    link = found[1]

    Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
    tell(reader)

    assert len(mail.outbox) == 1


def test_a_forged_unsubscribe_link_changes_nothing(make_member, tell):
    reader = make_member()
    path = unsubscribe_path(reader.pk, Kind.COMMENT)
    forged = path.replace(path.split("/")[-2], path.split("/")[-2][:-3] + "abc")

    response = Client().post(forged)
    tell(reader)

    assert response.status_code == 404
    assert len(mail.outbox) == 1


def test_unsubscribing_is_rate_limited(make_member, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "unsubscribe": "2/m"}
    path = unsubscribe_path(make_member().pk, Kind.COMMENT)

    answers = [Client().post(path).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_the_bell_counts_from_the_database_when_the_cache_is_down(
    make_member, signed_in, tell, settings
):
    reader = make_member()
    tell(reader, count=2)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"

    page = signed_in(reader).get(reverse("notifications:settings"))

    assert page.status_code == 200
    assert re.search(r'class="bell-count">2<', page.text)


@pytest.mark.parametrize(("redis_url", "fresh_after_seconds"), [("", 11), ("redis://x", None)])
def test_a_count_another_process_could_not_drop_lasts_seconds_without_a_shared_cache(
    make_member, signed_in, tell, settings, monkeypatch, redis_url, fresh_after_seconds
):
    """Without REDIS_URL (bin/serve) the task worker that makes a notification cannot drop the
    web server's kept count: it is kept 10 seconds, not a day. With Redis a change drops it."""
    settings.REDIS_URL = redis_url
    reader = make_member()
    tell(reader, count=1)
    client = signed_in(reader)
    assert re.search(r'class="bell-count">1<', client.get("/").text)
    # A notification made by another process: its drop of the count does not reach this one's.
    monkeypatch.setattr(sending, "forget_unread_counts", lambda user_ids: None)
    tell(reader, count=1)
    now = time.time()

    monkeypatch.setattr(time, "time", lambda: now + 9)
    assert re.search(r'class="bell-count">1<', client.get("/").text)
    monkeypatch.setattr(time, "time", lambda: now + 11)
    later = client.get("/").text

    expected = "2" if fresh_after_seconds else "1"
    assert re.search(rf'class="bell-count">{expected}<', later)
