"""Wrong passwords slow the address that sends them, and never lock the member out
(members/adapter.py)."""

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
