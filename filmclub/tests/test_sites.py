"""The site names its real host: `migrate` writes DJANGO_SITE_DOMAIN / DJANGO_SITE_NAME (settings
SITE_DOMAIN, SITE_NAME) into the Sites framework's record, which allauth's mails and the admin's
"View on site" read."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from films.models import Film


@pytest.fixture
def real_host(db, settings):
    settings.SITE_DOMAIN = "films.example.org"
    settings.SITE_NAME = "The Film Club"
    call_command("migrate", verbosity=0)


def test_migrate_writes_the_domain_and_name_into_the_site(real_host):
    site = Site.objects.get_current()

    assert (site.domain, site.name) == ("films.example.org", "The Film Club")


def test_migrate_follows_a_changed_environment(real_host, settings):
    settings.SITE_DOMAIN = "club.example.net"

    call_command("migrate", verbosity=0)

    assert Site.objects.get_current().domain == "club.example.net"
    assert Site.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_the_site_named_too(settings):
    settings.SITE_DOMAIN = "films.example.org"

    call_command("flush", "--noinput", verbosity=0)

    assert Site.objects.get_current().domain == "films.example.org"


def test_sign_up_mail_names_the_real_host(client, real_host):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "username": "newbie",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )

    [message] = mail.outbox
    assert "register an account on films.example.org." in message.body
    assert message.body.startswith("Hello from The Film Club!")
    assert "127.0.0.1" not in message.body


def test_admin_view_on_site_goes_to_the_real_host(real_host, signed_in, staff_user, make_film):
    film = make_film(slug="comrades")
    content_type = ContentType.objects.get_for_model(Film)

    response = signed_in(staff_user).get(
        reverse("admin:view_on_site", args=[content_type.pk, film.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == "http://films.example.org/films/comrades/"
