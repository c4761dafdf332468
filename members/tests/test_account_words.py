"""allauth's account pages and mails speak as the rest of the site: sentence case, "email", the
club's name (the Sites framework's, from DJANGO_SITE_NAME) and joining the club."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

JOINING = {
    "email": "nina@example.com",
    "username": "nina",
    "password1": "a long enough passphrase",
    "password2": "a long enough passphrase",
}


def words(response):
    """The page's title and its main part's text, each run of white space one space."""
    html = response.content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    main = html.split("<main", 1)[1].split("</main>")[0]
    return " ".join(title.split()), " ".join(strip_tags("<main" + main).split())


@pytest.fixture
def club_name(db, settings):
    settings.SITE_DOMAIN = "films.example.org"
    settings.SITE_NAME = "The Film Club"
    call_command("migrate", verbosity=0)
    return settings.SITE_NAME


def test_sign_in_page_says_remember_me_and_sign_in(client, db):
    text = words(client.get(reverse("account_login")))[1]

    assert "Remember me" in text
    assert text.endswith("Remember me Sign in")
    assert "Remember Me" not in text


def test_sign_out_page_says_sign_out_in_sentence_case(member_client):
    response = member_client.get(reverse("account_logout"))

    title, text = words(response)
    assert title == "Sign out · filmclub"
    assert text == "Sign out Are you sure you want to sign out? Sign out"
    assert '<button type="submit" > Sign out </button>' in " ".join(response.text.split())


def test_after_joining_the_pages_ask_to_confirm_your_email_address(
    client, db, mailoutbox, settings
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # as in production
    joined = client.post(reverse("account_signup"), JOINING, follow=True)
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mailoutbox[0].body)
    confirm = client.get(link.group(1))

    assert words(joined)[0] == "Confirm your email address · filmclub"
    assert "follow the link in it to confirm your address" in words(joined)[1]
    title, text = words(confirm)
    assert title == "Confirm your email address · filmclub"
    assert text == (
        "Confirm your email address Please confirm that nina@example.com is the email address "
        "of @nina. Confirm"
    )


def test_an_expired_confirmation_link_says_so_plainly(client, db):
    title, text = words(client.get(reverse("account_confirm_email", args=["nonsense"])))

    assert title == "Confirm your email address · filmclub"
    assert "This confirmation link has expired or is not valid." in text


def test_the_confirmation_mail_names_the_club_and_joining_it(client, club_name, mailoutbox):
    client.post(reverse("account_signup"), JOINING)

    [message] = mailoutbox
    assert message.subject == "[The Film Club] Confirm your email address to join the club"
    assert message.body.startswith("Hello from The Film Club!")
    assert "user nina has given your email address" in message.body
    assert message.body.endswith("Thank you for using The Film Club!\nfilms.example.org")


def test_password_reset_pages_and_mail_speak_the_sites_words(client, make_user, mailoutbox):
    make_user(email="julie@example.com", username="julie")

    asked = client.get(reverse("account_reset_password"))
    sent = client.post(
        reverse("account_reset_password"), {"email": "julie@example.com"}, follow=True
    )

    assert words(asked)[0] == "Reset your password · filmclub"
    assert words(asked)[1].endswith(
        "Reset my password Please contact us if you have any trouble resetting your password."
    )
    assert words(sent)[0] == "Reset your password · filmclub"
    [message] = mailoutbox
    assert message.subject == "[filmclub] Reset your password"
    assert (
        "You're receiving this email because you or someone else asked to reset the password of "
        "your account on filmclub.\n"
        "It can be safely ignored if you did not ask for it. "
        "Follow the link below to choose a new password."
    ) in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)
    new_password = client.get(link.group(1), follow=True)
    title, text = words(new_password)
    assert title == "Change password · filmclub"
    assert "New password New password (again)" in re.sub(r" Your password .*? numeric\.", "", text)
    assert text.endswith("Change password Cancel")


def test_a_used_reset_link_says_it_is_not_valid(client, db):
    response = client.get(reverse("account_reset_password_from_key", args=["1-x", "nonsense"]))

    title, text = words(response)
    assert title == "Change password · filmclub"
    assert text.startswith("This link is not valid The password reset link was invalid")


def test_the_mail_to_an_unknown_address_names_the_club(client, club_name, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})

    [message] = mailoutbox
    assert message.subject == "[The Film Club] No member of the club has this email address"
    assert (
        "tried to access an account on The Film Club with the email address nobody@example.com. "
        "However, no member of the club has that address."
    ) in message.body
    assert "If it was you, you can join the club using the link below." in message.body


def test_password_change_and_email_pages_are_in_sentence_case(member_client):
    change = words(member_client.get(reverse("account_change_password")))
    addresses = words(member_client.get(reverse("account_email")))

    assert change[0] == "Change password · filmclub"
    assert "Current password" in change[1]
    assert change[1].endswith("New password (again) Change password")
    assert addresses[0] == "Email addresses · filmclub"
    for button in (
        "Make primary",
        "Re-send confirmation",
        "Remove",
        "Add an email address",
        "Add email",
    ):
        assert button in addresses[1]
