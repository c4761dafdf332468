"""Wrong passwords slow the address that sends them, and never lock the member out
(members/adapter.py)."""

from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"


def sign_in(client, address, password, email="odessa@example.com"):
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )
    signed_in = "_auth_user_id" in client.session
    return response, signed_in


def test_five_wrong_passwords_lock_the_guessing_address_only(client, make_user):
    make_user(email="odessa@example.com")
    for _ in range(5):
        sign_in(client, "203.0.113.66", "wrong guess")

    attacker, attacker_in = sign_in(client, "203.0.113.66", PASSWORD)
    _, owner_in = sign_in(client, "198.51.100.7", PASSWORD)

    assert attacker_in is False
    assert attacker.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    assert owner_in is True


def test_a_guessing_spread_over_many_addresses_meets_the_ceiling(client, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "6/h/key",
    }
    make_user(email="odessa@example.com")
    make_user(email="julie@example.com")
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        for _ in range(2):
            sign_in(client, address, "wrong guess")

    _, odessa_in = sign_in(client, "198.51.100.7", PASSWORD)
    _, julie_in = sign_in(client, "198.51.100.7", PASSWORD, email="julie@example.com")

    assert odessa_in is False
    assert julie_in is True


def attempt(browser, address, password, email="odessa@example.com"):
    """A sign-in from `browser` as it is, cookies and all."""
    response = browser.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )
    return response, "_auth_user_id" in browser.session


def known_browser(name, value):
    """A browser, signed out, that holds the known-device cookie `name` = `value`."""
    browser = Client()
    browser.cookies[name] = value
    return browser


def test_the_owners_own_browser_signs_in_when_a_spread_guessing_fills_the_ceiling(
    client, make_user, settings
):
    odessa, julie = make_user(email="odessa@example.com"), make_user(email="julie@example.com")
    name = settings.KNOWN_DEVICE_COOKIE_NAME
    at_home, shared = Client(), Client()
    _, owner_in = attempt(at_home, "198.51.100.7", PASSWORD)  # last week, at home
    attempt(shared, "198.51.100.7", PASSWORD, email="julie@example.com")
    home_cookie, julies_cookie = at_home.cookies[name].value, shared.cookies[name].value
    # 105 wrong passwords, 5 from each of 21 addresses: the ceiling of 100 an hour is full.
    for number in range(21):
        for _ in range(5):
            sign_in(client, f"203.0.113.{number + 1}", "wrong guess")

    elsewhere, elsewhere_in = attempt(Client(), "192.0.2.10", PASSWORD)
    edited = julies_cookie.replace(
        f"{julie.pk}:", f"{odessa.pk}:", 1
    )  # its signature no longer fits
    _, edited_in = attempt(known_browser(name, edited), "192.0.2.11", PASSWORD)
    _, other_account_in = attempt(known_browser(name, julies_cookie), "192.0.2.12", PASSWORD)
    home, home_in = attempt(known_browser(name, home_cookie), "198.51.100.7", PASSWORD)

    assert owner_in is True
    assert elsewhere_in is False
    assert elsewhere.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    assert edited != julies_cookie
    assert (edited_in, other_account_in) == (False, False)
    assert home_in is True
    assert home.status_code == 302


def test_the_known_device_cookie_is_signed_http_only_and_forgotten_with_the_password(
    make_user, settings
):
    odessa = make_user(email="odessa@example.com")
    name = settings.KNOWN_DEVICE_COOKIE_NAME
    browser = Client()
    attempt(browser, "198.51.100.7", PASSWORD)
    cookie = browser.cookies[name]
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "0/h/key",  # from now on, the ceiling is full
    }
    _, known_in = attempt(known_browser(name, cookie.value), "198.51.100.7", PASSWORD)

    odessa.set_password("a new correct horse")
    odessa.save()
    new_password = "a new correct horse"
    _, after_change_in = attempt(known_browser(name, cookie.value), "198.51.100.7", new_password)

    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")
    assert cookie["max-age"] == settings.KNOWN_DEVICE_COOKIE_AGE
    assert cookie.value.startswith(f"{odessa.pk}:")  # the account it names
    assert known_in is True
    assert after_change_in is False
