"""Writers at the same moment: many members commenting on one review (every comment is saved
exactly once), a member logging, rating and publishing a draft of one film (one log of each viewing,
never a bare mark beside them)."""

import threading
from datetime import date

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from core.tests.concurrency import needs_postgresql
from reviews.logs import rate
from reviews.models import Comment, Review
from reviews.tests.forms import log_data, review_data

MEMBERS = 12

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_simultaneous_comments_are_each_saved_once(make_review, make_user):
    review = make_review()
    members = [make_user() for _ in range(MEMBERS)]
    start = threading.Barrier(MEMBERS)
    statuses = []

    def comment(member):
        client = Client()
        client.force_login(member)
        start.wait()
        try:
            response = client.post(
                review.get_absolute_url() + "comments/", {"body": f"Hello from {member.username}"}
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=comment, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    bodies = sorted(Comment.objects.filter(review=review).values_list("body", flat=True))
    assert statuses == [302] * MEMBERS
    assert bodies == sorted(f"Hello from {member.username}" for member in members)


def at_once(*requests):
    """Run each (member, url, data) POST in a thread of its own, all let go at the same moment."""
    start = threading.Barrier(len(requests))
    statuses = []

    def post(member, url, data):
        client = Client()
        client.force_login(member)
        start.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_a_quick_rating_and_a_log_at_once_leave_one_log(make_user, make_film):
    member, film = make_user(), make_film()

    statuses = at_once(
        (member, reverse("reviews:rate", args=[film.slug]), {"rating": "8"}),
        (member, reverse("reviews:create"), log_data(film)),
    )

    log = Review.objects.get()  # either order: the rating lands on the log, or the log on it
    assert (statuses, log.watched_on) == ([302, 302], date(2024, 5, 31))
    assert Review.objects.for_film(film).rating_summary().average == log.rating


def test_two_logs_at_once_take_the_place_of_the_mark_once(make_user, make_film):
    member, film = make_user(), make_film()
    mark = rate(member=member, film=film, rating=8)
    url = reverse("reviews:create")

    at_once(
        (member, url, log_data(film, body="First.")),
        (member, url, log_data(film, body="Second.")),
    )

    # One after the other, as when submitted a minute apart: one takes the mark's place, the
    # other is a log of its own; neither is written over, and no mark is left beside them.
    logs = Review.objects.order_by("pk")
    assert sorted(log.body for log in logs) == ["First.", "Second."]
    assert [log.pk == mark.pk for log in logs] == [True, False]
    assert [log.watched_on for log in logs] == [date(2024, 5, 31)] * 2


def test_a_draft_published_and_a_log_at_once_take_the_place_of_the_mark_once(make_user, make_film):
    member, film = make_user(), make_film()
    rate(member=member, film=film, rating=8)
    draft = Review.objects.create(
        author=member, film=film, body="Later.", status=Review.Status.DRAFT
    )

    statuses = at_once(
        (member, reverse("reviews:update", args=[draft.slug]), review_data(film, body="Later.")),
        (member, reverse("reviews:create"), log_data(film)),
    )

    # Either order: the draft takes the mark in and the log is its own, or the log takes the
    # mark's place and the draft finds a viewing since; no log is lost, no mark is left.
    logs = Review.objects.order_by("watched_on")
    assert statuses == [302, 302]
    assert [(log.watched_on, log.body, log.is_public) for log in logs] == [
        (date(2024, 5, 31), "", True),
        (None, "Later.", True),
    ]
