"""allauth's account pages where a member needs a way on: whom to contact about a password, how
to change it from their email addresses, and what a confirmation link already used means."""

import os
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
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


@pytest.fixture
def used_link(client, db, settings):
    """A member joins (mandatory verification) and confirms; the link from the mail."""
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    client.post(
        reverse("account_signup"),
        {
            "email": "nina@example.com",
            "username": "nina",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    client.post(link.group(1))
    return link.group(1)


def test_a_used_confirmation_link_says_the_address_is_confirmed(client, used_link):
    text = text_of(client.get(used_link))

    assert "This email address is already confirmed" in text
    assert "expired" not in text


def test_a_used_link_opened_by_its_member_names_the_address(client, used_link, django_user_model):
    nina = django_user_model.objects.get(username="nina")
    client.force_login(nina)

    text = text_of(client.get(used_link))

    assert "nina@example.com is already confirmed" in text
    assert "expired" not in text


def test_a_forged_or_unknown_link_still_says_it_is_not_valid(client, used_link):
    forged = used_link.replace("/confirm-email/", "/confirm-email/x")

    text = text_of(client.get(forged))

    assert "This confirmation link has expired or is not valid." in text
