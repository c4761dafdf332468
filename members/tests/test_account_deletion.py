"""A member deletes their account: reviews and comments removed or anonymised, threads whole."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.account import FORMER_MEMBER_NAME
from members.models import WatchlistEntry
from reviews.models import Comment, Review

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(make_user):
    return make_user(username="leaving")


def delete(client, member, texts, password=PASSWORD, confirm=True):
    data = {"texts": texts, "password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("members:delete-account", kwargs={"handle": member.username}), data)


@pytest.fixture
def thread(member, make_user, make_review, make_comment, make_film):
    """The member's review with a comment by another; the member's comment on another's review
    with a reply, and one without; their watchlist."""
    other = make_user(username="staying")
    own_review = make_review(author=member, title="My view")
    make_comment(own_review, author=other)
    elsewhere = make_review(author=other, title="Their view")
    answered = make_comment(elsewhere, author=member, body="Answered comment")
    make_comment(elsewhere, author=other, parent=answered, body="A reply")
    make_comment(elsewhere, author=member, body="Lonely comment")
    WatchlistEntry.objects.create(member=member, film=make_film())
    return elsewhere


def test_wrong_password_deletes_nothing(signed_in, member, thread):
    response = delete(signed_in(member), member, "remove", password="guess")

    assert response.context["form"].errors["password"] == ["That is not your password."]
    assert get_user_model().objects.filter(username="leaving").exists()


def test_remove_deletes_reviews_and_keeps_threads_in_shape(signed_in, member, thread):
    client = signed_in(member)

    response = delete(client, member, "remove")

    assert response.status_code == 302
    assert not Review.objects.filter(title="My view").exists()
    comments = Comment.objects.filter(review=thread).order_by("created_at")
    assert [(c.body, c.is_deleted) for c in comments] == [("", True), ("A reply", False)]
    assert comments[0].author.display_name == FORMER_MEMBER_NAME
    assert not get_user_model().objects.filter(username="leaving").exists()
    assert WatchlistEntry.objects.count() == 0
    # Signed out: their pages ask them to sign in.
    assert client.get(reverse("members:import", kwargs={"handle": "leaving"})).status_code == 302


def test_anonymise_keeps_texts_under_former_member(signed_in, member, thread, client):
    delete(signed_in(member), member, "anonymise")

    review = Review.objects.get(title="My view")
    assert review.author.public_name == FORMER_MEMBER_NAME
    assert review.author.username == f"former-member-{member.pk}"
    assert (review.author.email, review.author.is_active) == ("", False)
    assert review.author.has_usable_password() is False
    assert list(Comment.objects.filter(author=member).values_list("body", flat=True)) == [
        "Answered comment",
        "Lonely comment",
    ]
    assert client.login(username=f"former-member-{member.pk}", password=PASSWORD) is False


def test_remove_without_placeholders_deletes_the_account_outright(signed_in, member, make_review):
    make_review(author=member)

    delete(signed_in(member), member, "remove")

    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert Review.objects.count() == 0


def test_every_session_of_the_account_ends(signed_in, member, thread):
    elsewhere = signed_in(member)  # another browser

    delete(signed_in(member), member, "anonymise")

    response = elsewhere.get(reverse("members:export", kwargs={"handle": "leaving"}))
    assert response.status_code == 302  # sent to sign in


def test_unconfirmed_deletion_deletes_nothing(signed_in, member):
    response = delete(signed_in(member), member, "remove", confirm=False)

    assert "confirm" in response.context["form"].errors
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_deletion_is_rate_limited(signed_in, member, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "account-delete": "2/m"}
    client = signed_in(member)

    statuses = [delete(client, member, "remove", password="guess").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_nobody_may_sign_up_as_a_former_member(client, db):
    from members.tests.joining import signup

    response = signup(client, username="former-member-7")

    assert "That handle is the club&#x27;s own name" in response.content.decode()
