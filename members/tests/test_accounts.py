"""Accounts as a new member meets them: allauth's pages in the site's look, email sign-in."""

import os
import re
import subprocess
import sys

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from members.tests.joining import signup


def test_signup_confirm_by_email_and_sign_in_with_email(client, db):
    response = signup(client)

    user = get_user_model().objects.get()
    assert response.status_code == 302
    assert (user.username, user.display_name, user.email) == (
        "newbie",
        "New Member",
        "new@example.com",
    )
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    client.post(link.group(1))
    assert EmailAddress.objects.get(user=user).verified is True

    client.post(reverse("account_logout"))
    signed_in = client.post(
        reverse("account_login"),
        {"login": "new@example.com", "password": "a long enough passphrase"},
    )
    assert signed_in.status_code == 302
    assert client.get("/").context["user"] == user


def test_signup_refuses_a_bad_or_taken_handle(client, make_user):
    make_user(username="Odessa")

    taken = signup(client, username="odessa")
    bad = signup(client, username="no spaces!", email="other@example.com")

    assert taken.context["form"].errors["username"] == ["That handle is taken."]
    assert bad.context["form"].errors["username"] == [
        "A handle may hold letters, digits, underscores and hyphens only."
    ]


def test_account_pages_have_the_sites_look(client, db):
    response = client.get(reverse("account_login"))

    assert 'class="site-header"' in response.text
    title = response.text.split("<title>")[1].split("</title>")[0]
    assert response.text.count("<title>") == 1
    assert " ".join(title.split()) == "Sign In · filmclub"


def test_password_reset_sends_a_mail(client, make_user):
    make_user(email="julie@example.com")

    client.post(reverse("account_reset_password"), {"email": "julie@example.com"})

    assert [message.to for message in mail.outbox] == [["julie@example.com"]]


def test_allauth_rate_limits_are_on():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_verification_is_mandatory_in_production_mode():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "films.example.org",
    }
    env.pop("DJANGO_ACCOUNT_EMAIL_VERIFICATION", None)
    code = "import filmclub.settings as s; print(s.ACCOUNT_EMAIL_VERIFICATION)"

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "mandatory"


def test_signup_form_calls_the_username_a_handle(client, db):
    response = client.get(reverse("account_signup"))

    labels = re.findall(r'<label for="(id_\w+)">(.*?)</label>', response.text)
    assert labels[:2] == [("id_email", "Email"), ("id_username", "Handle")]
    assert 'placeholder="e.g. odessa"' in response.text
