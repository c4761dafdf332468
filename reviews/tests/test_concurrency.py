"""Many members commenting on one review at the same moment: every comment is saved exactly once."""

import threading

import pytest
from django.db import connections
from django.test import Client

from core.tests.concurrency import needs_postgresql
from reviews.models import Comment

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
