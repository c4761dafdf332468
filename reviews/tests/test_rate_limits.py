"""Every member write is rate limited (core/ratelimit.py): a loop is stopped with a 429 in
the site's look, nothing is written, and the member's next minute is theirs again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Comment, Review
from reviews.tests.forms import entry_data


def test_thirty_rapid_comment_edits_are_stopped_by_the_limit(client, make_review, make_comment):
    comment = make_comment(make_review(), body="First")
    client.force_login(comment.author)
    url = reverse("reviews:comment-update", args=[comment.pk])

    statuses = [client.post(url, {"body": f"Edit {number}"}).status_code for number in range(30)]

    comment.refresh_from_db()
    assert statuses == [302] * 10 + [429] * 20
    assert comment.body == "Edit 9"


def test_the_refusal_is_a_page_in_the_sites_look(client, make_review, make_comment, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "comment-change": "1/m"}
    comment = make_comment(make_review(), body="First")
    client.force_login(comment.author)
    url = reverse("reviews:comment-update", args=[comment.pk])
    client.post(url, {"body": "Second"})

    refused = client.post(url, {"body": "Third"})

    assert refused.status_code == 429
    assert 'class="site-header"' in refused.text
    assert "You are doing that faster than the club allows. Nothing was saved" in refused.text
    assert refused.headers["Retry-After"] == "60"
    assert "no-store" in refused.headers["Cache-Control"]


def saving(limit, url, data, model, mark):
    """A write of `data` that would save a row of `model` with the posted `mark` field."""
    return limit, url, data, lambda: model.objects.filter(**{mark: data[mark]}).count()


def deleting(limit, url, thing):
    """A write that would delete `thing`."""
    return limit, url, {}, lambda: type(thing).objects.filter(pk=thing.pk).count()


def writes(review, comment, member):
    """(limit, url, data, what the write would have changed) for every member write."""
    review_url = reverse("reviews:update", args=[review.slug])
    review_delete_url = reverse("reviews:delete", args=[review.slug])
    comments_url = reverse("reviews:comment", args=[review.slug])
    comment_url = reverse("reviews:comment-update", args=[comment.pk])
    comment_delete_url = reverse("reviews:comment-delete", args=[comment.pk])
    profile_url = reverse("members:edit", args=[member.username])
    new = entry_data(review.film, title="New one", body="Text")
    edited = entry_data(review.film, title="Edited", body="Text", action="draft")
    preview = entry_data(review.film, title="T", body="*x*", action="preview")
    profile = {"display_name": "Renamed", "bio": ""}
    return {
        "review create": saving("review-save", reverse("reviews:create"), new, Review, "title"),
        "review edit": saving("review-save", review_url, edited, Review, "title"),
        "review preview": ("review-preview", review_url, preview, lambda: 0),
        "review delete": deleting("review-save", review_delete_url, review),
        "comment post": saving("comment-post", comments_url, {"body": "Hello"}, Comment, "body"),
        "comment edit": saving("comment-change", comment_url, {"body": "Changed"}, Comment, "body"),
        "comment delete": deleting("comment-change", comment_delete_url, comment),
        "profile": saving("profile", profile_url, profile, type(member), "display_name"),
    }


WRITES = [
    "review create",
    "review edit",
    "review preview",
    "review delete",
    "comment post",
    "comment edit",
    "comment delete",
    "profile",
]


@pytest.mark.parametrize("write", WRITES)
def test_every_member_write_is_limited_and_writes_nothing_over_it(
    client, make_user, make_review, make_comment, settings, write
):
    member = make_user()
    review = make_review(author=member)
    comment = make_comment(review, author=member)
    limit, url, data, written = writes(review, comment, member)[write]
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, limit: "0/m"}
    client.force_login(member)
    before = written()

    response = client.post(url, data)

    assert response.status_code == 429
    assert written() == before


def test_an_avatar_upload_counts_as_a_profile_save(client, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "profile": "0/m"}
    member = make_user()
    client.force_login(member)
    upload = SimpleUploadedFile("me.gif", b"GIF89a", content_type="image/gif")

    response = client.post(
        reverse("members:edit", args=[member.username]), {"display_name": "", "avatar": upload}
    )

    member.refresh_from_db()
    assert response.status_code == 429
    assert not member.avatar


@pytest.mark.parametrize("thing", ["review", "comment"])
def test_moderation_is_limited_too(client, staff_user, make_review, make_comment, settings, thing):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "moderate": "0/m"}
    review = make_review()
    comment = make_comment(review)
    client.force_login(staff_user)
    url = (
        reverse("reviews:moderate", args=[review.slug])
        if thing == "review"
        else reverse("reviews:comment-moderate", args=[comment.pk])
    )

    response = client.post(url, {"action": "hide", "reason": "Spam"})

    review.refresh_from_db()
    comment.refresh_from_db()
    assert response.status_code == 429
    assert (review.is_hidden, comment.is_hidden) == (False, False)


def test_one_members_limit_leaves_another_free(client, make_user, make_review, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "comment-post": "1/m"}
    review = make_review()
    url = reverse("reviews:comment", args=[review.slug])
    client.force_login(make_user())
    client.post(url, {"body": "One"})
    refused = client.post(url, {"body": "Two"})
    client.force_login(make_user())

    other = client.post(url, {"body": "Three"})

    assert (refused.status_code, other.status_code) == (429, 302)


def test_an_unreachable_cache_lets_the_write_through(client, make_review, make_comment, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    comment = make_comment(make_review(), body="First")
    client.force_login(comment.author)

    response = client.post(reverse("reviews:comment-update", args=[comment.pk]), {"body": "Second"})

    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.body == "Second"


def test_member_pages_are_throttled_per_client(client, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "member-page": "3/m"}
    member = make_user(username="odessa")
    for handle in ("odessa", "nobody", "someone"):
        client.get(reverse("members:detail", args=[handle]), REMOTE_ADDR="203.0.113.9")

    refused = client.get(reverse("members:detail", args=["odessa"]), REMOTE_ADDR="203.0.113.9")
    other = client.get(member.get_absolute_url(), REMOTE_ADDR="198.51.100.1")

    assert refused.status_code == 429
    assert "You have opened a great many member pages" in refused.text
    assert other.status_code == 200


def test_staff_are_not_throttled_on_member_pages(client, staff_user, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "member-page": "1/m"}
    member = make_user()
    client.force_login(staff_user)

    statuses = [client.get(member.get_absolute_url()).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def test_a_comment_over_the_limit_from_the_script_gets_json(
    client, make_user, make_review, settings
):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "comment-post": "1/m"}
    review = make_review()
    client.force_login(make_user())
    url = reverse("reviews:comment", args=[review.slug])
    client.post(url, {"body": "One"}, headers={"X-Requested-With": "fetch"})

    refused = client.post(url, {"body": "Two"}, headers={"X-Requested-With": "fetch"})

    assert refused.status_code == 429
    assert refused.json()["messages"] == [
        {
            "level": "error",
            "text": "You are commenting faster than the club allows. Wait a minute, then post "
            "again; your text is still here.",
        }
    ]
    assert list(review.comments.values_list("body", flat=True)) == ["One"]
