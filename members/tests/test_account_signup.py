"""Joining the club: the page never tells whether an address already has an account (its owner
is mailed instead), and handles that pass for the club's staff are not to be had."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import strip_tags

from members.tests.joining import signup


def join(client, **overrides):
    """Join as a newcomer, following the pages the club sends them to."""
    return signup(client, follow=True, **overrides)


def text_of(response):
    return " ".join(strip_tags(response.content.decode()).split())


@pytest.fixture
def mandatory(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # as in production


def test_joining_with_a_members_address_looks_like_joining(
    client, make_member, mailoutbox, mandatory
):
    julie = make_member(email="julie@example.com", username="julie")

    taken = join(client, email="julie@example.com", username="someone")
    fresh = join(client, email="fresh@example.com", username="fresh")

    assert "already registered" not in text_of(taken)
    assert (
        taken.redirect_chain
        == fresh.redirect_chain
        == [(reverse("account_email_verification_sent"), 302)]
    )
    assert text_of(taken).replace("julie@", "fresh@") == text_of(fresh)  # the address typed
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == [
        "fresh",
        julie.username,
    ]
    assert [message.to for message in mailoutbox] == [["julie@example.com"], ["fresh@example.com"]]


def test_the_owner_of_the_address_is_told_in_the_sites_words(
    client, make_member, mailoutbox, mandatory
):
    make_member(email="julie@example.com", username="julie")

    join(client, email="julie@example.com", username="someone")

    [message] = mailoutbox
    assert message.subject == "[filmclub] Someone tried to join the club with your email address"
    assert message.body.startswith("Hello from filmclub!")
    assert (
        "you, or someone else, tried to join filmclub with the email address julie@example.com. "
        "That address already belongs to a member of the club."
    ) in " ".join(message.body.split())
    assert "http://testserver/accounts/password/reset/" in message.body
    assert "Account Already Exists" not in message.subject + message.body
    assert "signup" not in message.body


@pytest.mark.parametrize(
    "handle", ["admin", "Staff", "moderator", "root", "support", "ad_min", "Administrator"]
)
def test_handles_of_the_clubs_staff_are_reserved(client, db, handle):
    response = join(client, username=handle)

    assert response.context["form"].errors["username"] == [
        "That handle is kept for the club's own use: choose one of yours."
    ]
    assert not get_user_model().objects.exists()


def test_filmclub_staff_is_refused_as_the_clubs_name(client, db):
    response = join(client, username="filmclub-staff")

    assert "username" in response.context["form"].errors
    assert not get_user_model().objects.exists()


def test_a_handle_holding_a_reserved_word_is_still_free(client, db):
    join(client, username="badminton-fan")

    assert get_user_model().objects.get().username == "badminton-fan"
