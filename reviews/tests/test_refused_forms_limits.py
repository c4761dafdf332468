"""A class-based form view's limit (core/ratelimit.py RateLimitMixin) counts the writes done:
an edit sent back for its errors is counted against the looser limit of refused posts, and over
the limit the form comes back with what was typed."""

import pytest
from django.urls import reverse


@pytest.fixture
def editing(client, make_review, make_comment, settings):
    """(a comment, its edit page's address), its author signed in, comment edits limited to
    `limit`."""

    def at(limit):
        settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "comment-change": limit}
        comment = make_comment(make_review(), body="First")
        client.force_login(comment.author)
        return comment, reverse("reviews:comment-update", args=[comment.pk])

    return at


def test_edits_sent_back_do_not_use_up_the_limit(client, editing):
    comment, url = editing("1/m")

    sent_back = [client.post(url, {"body": ""}).status_code for _ in range(2)]
    saved = client.post(url, {"body": "Second"})

    comment.refresh_from_db()
    assert (sent_back, saved.status_code, comment.body) == ([200, 200], 302, "Second")


def test_a_loop_of_edits_sent_back_is_still_stopped(client, editing):
    _, url = editing("1/m")

    answers = [client.post(url, {"body": ""}).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]


def test_over_the_limit_the_edit_comes_back_with_its_text(client, editing):
    comment, url = editing("1/10m")
    client.post(url, {"body": "Second"})

    refused = client.post(url, {"body": "A long and careful third thought"})

    comment.refresh_from_db()
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "600"
    assert refused.context["form"].non_field_errors() == [
        "You are doing that faster than the club allows. Nothing was saved: wait about 10 "
        "minutes, then try again. What you typed is still here."
    ]
    assert "A long and careful third thought</textarea>" in refused.text
    assert comment.body == "Second"


def test_a_comment_over_the_hourly_limit_says_an_hour(client, make_user, make_review, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "comment-post": "1/h"}
    review = make_review()
    client.force_login(make_user())
    url = reverse("reviews:comment", args=[review.slug])
    client.post(url, {"body": "One"})

    refused = client.post(url, {"body": "Two"})

    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors() == [
        "You are commenting faster than the club allows. Wait about an hour, then post again; "
        "your text is still here."
    ]
