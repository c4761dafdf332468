"""A member who has not confirmed their address sees their own profile, which nobody else can
open yet: the page tells them so, and re-sends the confirmation mail."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils.html import strip_tags

NOTICE = "Only you can see this page until you confirm your email address"


def text_of(response):
    return " ".join(strip_tags(response.content.decode()).split())


@pytest.fixture
def unconfirmed(make_user):
    member = make_user(username="nina", email="nina@example.com")
    EmailAddress.objects.create(user=member, email=member.email, primary=True)
    return member


def resend_form(response):
    """The notice's form: its action and its fields' names and values."""
    html = response.content.decode()
    form = re.search(r'<form[^>]*class="resend-confirmation"[^>]*>(.*?)</form>', html, re.S)
    assert form, "no re-send form"
    action = re.search(r'action="([^"]+)"', form.group(0)).group(1)
    fields = dict(re.findall(r'name="([^"]+)"(?: value="([^"]*)")?', form.group(1)))
    return action, fields


def test_an_unconfirmed_member_is_told_who_sees_their_page(signed_in, unconfirmed, client):
    own = signed_in(unconfirmed).get(unconfirmed.get_absolute_url())

    assert own.status_code == 200
    assert NOTICE in text_of(own)
    assert client.get(unconfirmed.get_absolute_url()).status_code == 404


def test_the_notice_re_sends_the_confirmation_mail(signed_in, unconfirmed, mailoutbox):
    member_client = signed_in(unconfirmed)
    action, fields = resend_form(member_client.get(unconfirmed.get_absolute_url()))
    fields.pop("csrfmiddlewaretoken", None)

    member_client.post(action, fields)

    assert action == reverse("account_email")
    assert fields["email"] == "nina@example.com"
    [message] = mailoutbox
    assert message.to == ["nina@example.com"]
    assert "/accounts/confirm-email/" in message.body


def test_a_confirmed_member_sees_no_notice(signed_in, make_member, make_user):
    confirmed = make_member()
    made_by_staff = make_user()  # no address on record: public (MemberQuerySet.public)

    for member in (confirmed, made_by_staff):
        own = signed_in(member).get(member.get_absolute_url())
        assert own.status_code == 200
        assert NOTICE not in text_of(own)


def test_a_visitor_never_sees_the_notice(signed_in, unconfirmed, make_member):
    other = make_member()

    page = signed_in(unconfirmed).get(other.get_absolute_url())

    assert NOTICE not in text_of(page)
