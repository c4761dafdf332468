"""Joining the club as a newcomer does, for tests of several apps."""

from django.urls import reverse


def signup(client, follow=False, **overrides):
    """Post the sign-up form as a newcomer fills it in, with `overrides`."""
    data = {
        "email": "new@example.com",
        "username": "newbie",
        "display_name": "New Member",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data, follow=follow)
