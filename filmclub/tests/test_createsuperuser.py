"""`manage.py createsuperuser` makes a staff account that signs in at once, with its email,
through allauth's sign-in page, even when email verification is mandatory."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

PASSWORD = "a long enough staff passphrase"


@pytest.fixture
def superuser_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_noinput_superuser_signs_in_at_once_with_mandatory_verification(
    client, db, settings, superuser_password
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    call_command(
        "createsuperuser", "--noinput", "--username", "boss", "--email", "Boss@Example.org"
    )
    response = sign_in(client, "boss@example.org")

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == "/"
    assert client.get(reverse("admin:index")).status_code == 200
    address = EmailAddress.objects.get()
    assert (address.user.username, address.email, address.verified, address.primary) == (
        "boss",
        "boss@example.org",
        True,
        True,
    )


def test_noinput_takes_the_email_from_the_environment(db, superuser_password, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@example.org")

    call_command("createsuperuser", "--noinput", "--username", "boss", verbosity=0)

    assert EmailAddress.objects.get().email == "boss@example.org"


@pytest.mark.parametrize("email", [None, "", "   "])
def test_noinput_without_an_email_is_refused(db, superuser_password, email):
    args = ["--noinput", "--username", "boss"]
    if email is not None:
        args += ["--email", email]

    with pytest.raises(CommandError, match="An email is required: it is how staff sign in"):
        call_command("createsuperuser", *args)

    assert not get_user_model().objects.exists()


def test_an_email_of_another_account_is_refused(db, make_user, superuser_password):
    make_user(username="julie", email="julie@example.com")

    with pytest.raises(CommandError, match="That email belongs to another account"):
        call_command(
            "createsuperuser", "--noinput", "--username", "boss", "--email", "JULIE@example.com"
        )

    assert not get_user_model().objects.filter(username="boss").exists()


def test_a_malformed_email_is_refused(db, superuser_password):
    with pytest.raises(CommandError, match="Enter a valid email address"):
        call_command("createsuperuser", "--noinput", "--username", "boss", "--email", "boss")


def test_account_and_address_are_saved_together_or_not_at_all(db, superuser_password, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(EmailAddress, "save", fail)

    with pytest.raises(RuntimeError):
        call_command(
            "createsuperuser", "--noinput", "--username", "boss", "--email", "boss@example.org"
        )

    assert not get_user_model().objects.exists()


class Terminal:
    """Stands for the person at the terminal: answers each prompt in turn, notes what was asked."""

    isatty = staticmethod(lambda: True)

    def __init__(self, monkeypatch, answers, passwords):
        self.answers, self.passwords, self.asked = list(answers), list(passwords), []
        monkeypatch.setattr("builtins.input", self.answer)
        monkeypatch.setattr("getpass.getpass", lambda prompt="Password: ": self.passwords.pop(0))

    def answer(self, prompt):
        self.asked.append(prompt)
        return self.answers.pop(0)


def test_interactive_asks_for_the_email_until_one_is_given(client, db, monkeypatch, capsys):
    terminal = Terminal(monkeypatch, ["boss", "", "boss@example.org"], [PASSWORD, PASSWORD])

    call_command("createsuperuser", stdin=terminal)

    assert terminal.asked == ["Handle: ", "Email address: ", "Email address: "]
    assert "Error: An email is required: it is how staff sign in." in capsys.readouterr().err
    assert sign_in(client, "boss@example.org").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
