"""Who may do what, as a matrix: every role × every action, for reviews and for comments.

Roles: a visitor (signed out); a member with no part in the thing; the author of the thing; another
member with a part in it (for a review: someone who commented on it; for a comment: the review's
author); staff (moderators: is_staff with the permission to change reviews and comments); staff
without permissions (is_staff alone, which opens the admin and nothing more). Outcomes: "allowed"
(and the effect happened), "login" (redirect to sign-in), 403 or 404 (and nothing changed). For
reading hidden comments, "not shown" means the page leaves its text out.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.tests.permissions import assert_refused, matrix
from reviews.models import Comment, Review, ReviewLike

ROLES = ["visitor", "member", "author", "another member", "staff", "staff without permissions"]


REVIEWS = {
    "read": ["allowed", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "read draft": [404, 404, "allowed", 404, 404, 404],
    "read hidden": [404, 404, "allowed", 404, "allowed", 404],
    "create": ["login", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "edit": ["login", 403, "allowed", 403, 403, 403],
    "edit draft": ["login", 404, "allowed", 404, 404, 404],
    "delete": ["login", 403, "allowed", 403, 403, 403],
    "moderate": ["login", 403, 403, 403, "allowed", 403],
    "like": ["login", "allowed", 403, "allowed", "allowed", "allowed"],
    "like draft": ["login", 404, 404, 404, 404, 404],
    "like hidden": ["login", 404, 404, 404, 404, 404],
}

COMMENTS = {
    "read": ["allowed", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "read hidden": ["not shown", "not shown", "allowed", "not shown", "allowed", "not shown"],
    "create": ["login", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "reply": ["login", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "edit": ["login", 403, "allowed", 403, 403, 403],
    "delete": ["login", 403, "allowed", 403, 403, 403],
    "moderate": ["login", 403, 403, 403, "allowed", 403],
}


@pytest.fixture
def cast(make_user, make_review, make_comment):
    """The people and things of one review thread."""
    review_author = make_user(username="reviewer")
    commenter = make_user(username="commenter")
    review = make_review(author=review_author, title="On Tian Mi Mi")
    comment = make_comment(review, author=commenter, body="The bracelet scene!")
    moderator = make_user(username="moderator", is_staff=True)
    moderator.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="reviews", codename__in=["change_review", "change_comment"]
        )
    )
    return {
        "review": review,
        "comment": comment,
        "review_author": review_author,
        "commenter": commenter,
        "member": make_user(username="member"),
        "staff": moderator,
        "staff without permissions": make_user(username="clerk", is_staff=True),
    }


def sign_in(client, cast, role, *, thing):
    people = {
        "visitor": None,
        "member": cast["member"],
        "staff": cast["staff"],
        "staff without permissions": cast["staff without permissions"],
        "author": cast["review_author"] if thing == "review" else cast["commenter"],
        "another member": cast["commenter"] if thing == "review" else cast["review_author"],
    }
    if people[role]:
        client.force_login(people[role])
    return people[role]


def assert_outcome(response, expected, value, *, if_allowed, if_refused):
    """Allowed: a redirect, and `value` is `if_allowed`; else refused, `value` is `if_refused`."""
    if expected == "allowed":
        assert response.status_code == 302
        assert value == if_allowed
    else:
        assert_refused(response, expected)
        assert value == if_refused


def try_edit(client, url, data, thing, field, expected, *, becomes, stays):
    """Post `data` to `url`: allowed, `thing`'s `field` `becomes` a value; refused, it `stays`."""
    response = client.post(url, data)
    thing.refresh_from_db()
    value = getattr(thing, field)
    assert_outcome(response, expected, value, if_allowed=becomes, if_refused=stays)


def try_delete(client, url, thing, expected):
    """Allowed: `thing` is gone; refused: it is still there."""
    response = client.post(url)
    exists = type(thing).objects.filter(pk=thing.pk).exists()
    assert_outcome(response, expected, exists, if_allowed=False, if_refused=True)
    return response


def try_hide(client, url, thing, expected, *, reason):
    """Moderation: allowed, `thing` is hidden for `reason`; refused, it is still shown."""
    response = client.post(url, {"action": "hide", "reason": reason})
    thing.refresh_from_db()
    if expected == "allowed":
        assert response.status_code == 302
        assert (thing.is_hidden, thing.hidden_reason) == (True, reason)
    else:
        assert_refused(response, expected)
        assert thing.is_hidden is False


@pytest.mark.parametrize(("action", "role", "expected"), matrix(REVIEWS, ROLES))
def test_review_permissions(client, cast, action, role, expected):
    review = cast["review"]
    user = sign_in(client, cast, role, thing="review")
    if action in {"read draft", "edit draft", "like draft"}:
        Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
    if action in {"read hidden", "like hidden"}:
        review.hide("Off topic")

    if action.startswith("read"):
        response = client.get(review.get_absolute_url())
        if expected == "allowed":
            assert response.status_code == 200
            assert response.context["review"] == review
        else:
            assert_refused(response, expected)
    elif action == "create":
        response = client.post(
            reverse("reviews:create"),
            {"film": review.film.pk, "title": "Mine", "body": "Text", "action": "publish"},
        )
        created = Review.objects.filter(title="Mine").first()
        if expected == "allowed":
            assert response.status_code == 302
            assert response.url == created.get_absolute_url()
            assert created.author == user
        else:
            assert_refused(response, expected)
            assert created is None
    elif action.startswith("edit"):
        url = reverse("reviews:update", args=[review.slug])
        data = {"film": review.film.pk, "title": "Changed", "body": "Text", "action": "draft"}
        try_edit(
            client, url, data, review, "title", expected, becomes="Changed", stays="On Tian Mi Mi"
        )
    elif action == "delete":
        response = try_delete(
            client, reverse("reviews:delete", args=[review.slug]), review, expected
        )
        if expected == "allowed":
            assert response.url == reverse("reviews:list")
    elif action.startswith("like"):
        response = client.post(reverse("reviews:like", args=[review.slug]))
        likes = list(review.likes.values_list("member", flat=True))
        if expected == "allowed":
            assert response.status_code == 302
            assert likes == [user.pk]
        else:
            assert_refused(response, expected)
            assert likes == []
    elif action == "moderate":
        try_hide(
            client, reverse("reviews:moderate", args=[review.slug]), review, expected, reason="Spam"
        )


# Issue 17: hearts on a review staff have hidden. Nobody takes back a heart given before it was
# hidden (the review is not found; the heart stays as it was, counted nowhere), its page shows no
# hearts even to those who may read it, and the film page's popular reviews leave it out however
# many hearts it has. ("like hidden" above: nobody gives one.)
HIDDEN_LIKES = {
    "unlike hidden": ["login", 404, 404, 404, 404, 404],
    "hearts on hidden": [404, 404, "not shown", 404, "not shown", 404],
    "hidden in popular": ["not shown"] * len(ROLES),
}


@pytest.mark.parametrize(("action", "role", "expected"), matrix(HIDDEN_LIKES, ROLES))
def test_likes_on_hidden_review_permissions(client, cast, make_user, action, role, expected):
    review = cast["review"]
    user = sign_in(client, cast, role, thing="review")
    fans = [make_user() for _ in range(3)]
    if user is not None and user != review.author:
        fans.append(user)
    for fan in fans:
        ReviewLike.objects.create(review=review, member=fan)
    review.hide("Off topic")

    if action == "unlike hidden":
        response = client.post(reverse("reviews:like", args=[review.slug]))
        assert_refused(response, expected)
        assert review.likes.count() == len(fans)
    elif action == "hearts on hidden":
        response = client.get(review.get_absolute_url())
        if expected == "not shown":
            assert response.context["review"] == review
            assert "like_count" not in response.context
            assert 'class="review-likes"' not in response.text
        else:
            assert_refused(response, expected)
    elif action == "hidden in popular":
        response = client.get(review.film.get_absolute_url())
        assert response.status_code == 200
        assert "On Tian Mi Mi" not in response.text


@pytest.mark.parametrize(("action", "role", "expected"), matrix(COMMENTS, ROLES))
def test_comment_permissions(client, cast, action, role, expected):
    review, comment = cast["review"], cast["comment"]
    user = sign_in(client, cast, role, thing="comment")
    if action == "read hidden":
        comment.hide("Rude")

    if action.startswith("read"):
        response = client.get(review.get_absolute_url())
        assert response.status_code == 200
        shown = "The bracelet scene!" in response.text
        assert shown is (expected == "allowed")
    elif action in {"create", "reply"}:
        data = {"body": "My two cents"}
        if action == "reply":
            data["parent"] = comment.pk
        response = client.post(reverse("reviews:comment", args=[review.slug]), data)
        posted = Comment.objects.filter(body="My two cents").first()
        if expected == "allowed":
            assert response.status_code == 302
            assert response.url == f"{review.get_absolute_url()}#comment-{posted.pk}"
            assert posted.author == user
            assert posted.parent == (comment if action == "reply" else None)
        else:
            assert_refused(response, expected)
            assert posted is None
    elif action == "edit":
        url = reverse("reviews:comment-update", args=[comment.pk])
        data = {"body": "X"}
        try_edit(
            client, url, data, comment, "body", expected, becomes="X", stays="The bracelet scene!"
        )
    elif action == "delete":
        try_delete(client, reverse("reviews:comment-delete", args=[comment.pk]), comment, expected)
    elif action == "moderate":
        url = reverse("reviews:comment-moderate", args=[comment.pk])
        try_hide(client, url, comment, expected, reason="Rude")


def test_nobody_comments_on_a_draft(client, cast):
    review = cast["review"]
    Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
    client.force_login(cast["review_author"])

    response = client.post(reverse("reviews:comment", args=[review.slug]), {"body": "Hello"})

    assert response.status_code == 404
    assert review.comments.count() == 1


def test_staff_unhide_a_review(client, cast):
    review = cast["review"]
    review.hide("Mistake")
    client.force_login(cast["staff"])

    response = client.post(reverse("reviews:moderate", args=[review.slug]), {"action": "unhide"})

    review.refresh_from_db()
    assert response.status_code == 302
    assert (review.is_hidden, review.hidden_reason) == (False, "")


def test_forbidden_page_is_in_the_sites_look(client, cast):
    client.force_login(cast["member"])

    response = client.get(reverse("reviews:update", args=[cast["review"].slug]))

    assert response.status_code == 403
    assert "That isn’t yours to change" in response.text


def test_staff_without_permissions_are_offered_no_moderation(client, cast, make_comment):
    review = cast["review"]
    client.force_login(cast["staff without permissions"])

    response = client.get(review.get_absolute_url())

    assert reverse("reviews:moderate", args=[review.slug]) not in response.text
    assert reverse("reviews:comment-moderate", args=[cast["comment"].pk]) not in response.text


def test_moderators_are_offered_moderation(client, cast):
    review = cast["review"]
    client.force_login(cast["staff"])

    response = client.get(review.get_absolute_url())

    assert reverse("reviews:moderate", args=[review.slug]) in response.text
    assert reverse("reviews:comment-moderate", args=[cast["comment"].pk]) in response.text


# Issue 17 (diary): a member's diary is public to read and only its member edits it in place;
# rating and the watchlist need an account. "not shown": the diary leaves the draft out.
DIARY = {
    "read diary": ["allowed", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "read draft in diary": [
        "not shown",
        "not shown",
        "allowed",
        "not shown",
        "not shown",
        "not shown",
    ],
    "read hidden in diary": [
        "not shown",
        "not shown",
        "allowed",
        "not shown",
        "allowed",
        "not shown",
    ],
    "edit diary line": ["login", 403, "allowed", 403, 403, 403],
    "edit hidden diary line": ["login", 404, "allowed", 404, 403, 404],
    "rate": ["login", "allowed", "allowed", "allowed", "allowed", "allowed"],
    "watchlist": ["login", "allowed", "allowed", "allowed", "allowed", "allowed"],
}


@pytest.mark.parametrize(("action", "role", "expected"), matrix(DIARY, ROLES))
def test_diary_permissions(client, cast, action, role, expected):
    review = cast["review"]
    Review.objects.filter(pk=review.pk).update(watched_on="2024-05-31", rating=6)
    user = sign_in(client, cast, role, thing="review")
    diary = reverse("members:diary", args=[review.author.username])

    if action.startswith("read"):
        if action == "read draft in diary":
            Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
        if action == "read hidden in diary":
            review.hide("Off topic")
        response = client.get(diary)
        assert response.status_code == 200
        shown = [log.pk for log in response.context["logs"]] == [review.pk]
        assert shown is (expected == "allowed")
    elif action.startswith("edit"):
        if action == "edit hidden diary line":
            review.hide("Off topic")
        url = reverse("members:diary-entry", args=[review.author.username, review.pk])
        data = {"watched_on": "2024-06-01", "rating": "2"}
        try_edit(client, url, data, review, "rating", expected, becomes=2, stays=6)
    elif action == "rate":
        response = client.post(reverse("reviews:rate", args=[review.film.slug]), {"rating": "9"})
        if expected == "allowed":
            assert response.status_code == 302
            latest = Review.objects.filter(author=user, film=review.film).latest("pk")
            assert latest.rating == 9
        else:
            assert_refused(response, expected)
    elif action == "watchlist":
        response = client.post(reverse("members:watchlist-toggle", args=[review.film.slug]))
        on_list = review.film.watchlisted.filter(member=user).exists() if user else False
        if expected == "allowed":
            assert response.status_code == 302
            assert on_list is True
        else:
            assert_refused(response, expected)
            assert review.film.watchlisted.count() == 0
