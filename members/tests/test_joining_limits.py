"""Joining from one address (members/account_limits.py): attempts sent back for a taken handle
or passwords that differ do not use up the accounts an address may open in an hour, a flood is
still stopped, and allauth's refusals say how long to wait."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

ADDRESS = "198.51.100.20"  # a park screening's one address, shared by many phones


def join(client, number, address=ADDRESS, **overrides):
    data = {
        "email": f"newcomer{number}@example.com",
        "username": f"newcomer{number}",
        "display_name": f"Newcomer {number}",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
        **overrides,
    }
    return client.post(reverse("account_signup"), data, REMOTE_ADDR=address)


def test_sign_ups_sent_back_do_not_use_up_the_hour(client, make_user):
    """The QA walk: a dozen typos, then a correct sign-up, which was refused for an hour."""
    make_user(username="odessa")
    for number in range(6):
        assert join(client, number, username="odessa").status_code == 200
        assert join(client, number, password2="something else").status_code == 200

    joined = join(client, 99)

    assert joined.status_code == 302
    assert get_user_model().objects.filter(username="newcomer99").exists()


def test_a_flood_of_attempts_is_stopped_and_told_the_hour(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/h/ip"}
    for number in range(3):
        join(client, number, password2="something else")

    refused = join(client, 3)

    assert refused.status_code == 429
    assert 'class="site-header"' in refused.text
    assert (
        "You have sent too many requests in a short time. Wait about an hour, then try again."
        in refused.text
    )
    assert refused.headers["Retry-After"] == "3600"
    assert not get_user_model().objects.filter(username="newcomer3").exists()


def test_over_the_accounts_an_address_may_open_the_form_comes_back(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup_joined": "1/10m/ip"}
    join(client, 1)
    client.logout()

    refused = join(client, 2)

    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors() == [
        "A great many accounts have been opened from your network in the last hour. Nothing "
        "was saved: wait about 10 minutes, then join again."
    ]
    assert 'value="newcomer2@example.com"' in refused.text
    assert not get_user_model().objects.filter(username="newcomer2").exists()
    assert join(Client(), 3, address="203.0.113.9").status_code == 302  # another address


def test_allauths_refusal_states_its_own_wait(client, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/10m/ip"}
    data = {"login": "nobody@example.com", "password": "guess"}
    client.post(reverse("account_login"), data, REMOTE_ADDR=ADDRESS)

    refused = client.post(reverse("account_login"), data, REMOTE_ADDR=ADDRESS)

    assert refused.status_code == 429
    assert "Wait about 10 minutes, then try again." in refused.text
    assert "Wait a minute" not in refused.text
