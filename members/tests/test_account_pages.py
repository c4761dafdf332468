"""allauth's account pages where a member needs a way on: whom to contact about a password, how
to change it from their email addresses, and what a confirmation link already used means."""

import os
import re
import subprocess
import sys

from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils.html import strip_tags


def text_of(response):
    main = response.content.decode().split("<main", 1)[1].split("</main>")[0]
    return " ".join(strip_tags("<main" + main).split())


def mailto_links(response):
    return re.findall(r'href="mailto:([^"]+)"', response.content.decode())


def test_the_reset_pages_link_the_clubs_contact_address(client, make_user, settings):
    settings.CLUB_CONTACT_EMAIL = "help@films.example.org"
    make_user(email="julie@example.com")

    asked = client.get(reverse("account_reset_password"))
    sent = client.post(
        reverse("account_reset_password"), {"email": "julie@example.com"}, follow=True
    )

    assert mailto_links(asked) == ["help@films.example.org"]
    assert mailto_links(sent) == ["help@films.example.org"]
    assert "Otherwise contact us if you do not receive it in a few minutes." in text_of(sent)


def test_the_contact_address_defaults_to_the_sites_sender():
    """A fresh interpreter with no DJANGO_CLUB_CONTACT_EMAIL: the address DEFAULT_FROM_EMAIL
    sends from."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_CLUB_CONTACT_EMAIL", "DJANGO_DEFAULT_FROM_EMAIL")
    }
    env["DJANGO_DEBUG"] = "true"
    code = "import filmclub.settings as s; print(s.CLUB_CONTACT_EMAIL)"
    default = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    env["DJANGO_DEFAULT_FROM_EMAIL"] = "The Film Club <club@films.example.org>"
    from_sender = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    env["DJANGO_CLUB_CONTACT_EMAIL"] = "help@films.example.org"
    given = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )

    assert default.stdout.strip() == "club@filmclub.invalid"
    assert from_sender.stdout.strip() == "club@films.example.org"
    assert given.stdout.strip() == "help@films.example.org"


def test_the_email_page_leads_to_changing_the_password(signed_in, make_member):
    client = signed_in(make_member())

    response = client.get(reverse("account_email"))

    assert f'href="{reverse("account_change_password")}"' in response.content.decode()
    assert "Change password" in text_of(response)


def test_a_single_confirmed_address_is_offered_no_pointless_actions(signed_in, make_member):
    client = signed_in(make_member())

    text = text_of(client.get(reverse("account_email")))

    assert "Make primary" not in text
    assert "Re-send confirmation" not in text
    assert "Remove" in text  # allauth's rules refuse it when pressed, as before


def test_an_unconfirmed_or_second_address_keeps_the_actions(signed_in, make_member, make_user):
    unconfirmed = make_user()
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, primary=True)
    two = make_member()
    EmailAddress.objects.create(user=two, email="second@example.com")

    for member in (unconfirmed, two):
        text = text_of(signed_in(member).get(reverse("account_email")))
        assert "Make primary" in text
        assert "Re-send confirmation" in text
        assert "Remove" in text
