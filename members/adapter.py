"""allauth's adapter: failed sign-ins counted so that they cannot lock a member out, and no
handle that passes for the club.

allauth counts failed sign-ins per address and per account (`login_failed`: "10/m/ip,5/5m/key",
the key being the email): five wrong passwords from anyone lock the account for everyone, its
owner included, even with the right password. Here the key is the pair (address, account), so
the address that guesses is slowed and the owner, from their own address, signs in. A ceiling
per account alone (`login_failed_account`, far above what one address may try) still stops a
guessing spread over many addresses; only such an attack can reach it, and it does not apply in a
browser the account has signed in from before: every sign-in leaves there a signed cookie naming
the account (KNOWN_DEVICE_COOKIE_NAME), so the owner, from their own browser, still signs in with
their password. The cookie also names the password as it is: changing it forgets every browser.

Those counts live in the cache. When Redis cannot be reached the cache answers as if empty
(core.cache), so every other rate limit fails open; sign-in alone fails closed, with a message
saying why, because without the count a password could be guessed without limit.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, salted_hmac

from core.cache import cache_is_down
from members.account import is_former_member_handle

SIGN_IN_PAUSED = (
    "Signing in is paused for a moment while the site recovers from a fault. "
    "Please try again in a minute or two."
)
RESERVED_HANDLE = "That handle is kept for the club's own use: choose one of yours."
KNOWN_DEVICE_SALT = "members.known-device"


def known_device_value(user):
    """The known-device cookie's value (signed when set): the account, and a digest of its
    password as it is now."""
    digest = salted_hmac(KNOWN_DEVICE_SALT, user.password, algorithm="sha256").hexdigest()
    return f"{user.pk}:{digest[:32]}"


def is_known_device(request, login):
    """Whether this browser has signed in to the account `login` (its email) names, since that
    account's password was last set."""
    value = request.get_signed_cookie(
        settings.KNOWN_DEVICE_COOKIE_NAME,
        default=None,
        salt=KNOWN_DEVICE_SALT,
        max_age=settings.KNOWN_DEVICE_COOKIE_AGE,
    )
    if not value or not login:
        return False
    return any(
        constant_time_compare(known_device_value(user), value)
        for user in filter_users_by_email(login, is_active=True)
    )


class AccountAdapter(DefaultAccountAdapter):
    @property
    def error_messages(self):
        """allauth's, with the club's: a taken handle is said as the User model says it (allauth
        quotes Django's AbstractUser, "A user with that username already exists.")."""
        handle = get_user_model()._meta.get_field("username")
        return {
            **DefaultAccountAdapter.error_messages,
            "sign_in_paused": SIGN_IN_PAUSED,
            "username_taken": handle.error_messages["unique"],
        }

    def clean_username(self, username, shallow=False):
        """No handle passes for the club itself or its staff (display names: User.clean)."""
        username = super().clean_username(username, shallow=shallow)
        user_model = get_user_model()
        if user_model.looks_like_the_club(username) or is_former_member_handle(username):
            raise ValidationError("That handle is the club's own name: choose one of yours.")
        if user_model.is_reserved_handle(username):
            raise ValidationError(RESERVED_HANDLE)
        return username

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The (address, account) pair: allauth's `key` for `login_failed`, and what a password
        reset from that address clears."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}/{account}"

    def post_login(self, request, user, **kwargs):
        """Every sign-in makes this browser known to the account (is_known_device)."""
        response = super().post_login(request, user, **kwargs)
        response.set_signed_cookie(
            settings.KNOWN_DEVICE_COOKIE_NAME,
            known_device_value(user),
            salt=KNOWN_DEVICE_SALT,
            max_age=settings.KNOWN_DEVICE_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # per address, per (address, account)
        if cache_is_down(cache):
            raise self.validation_error("sign_in_paused")
        login = credentials.get("email", credentials.get("username", ""))
        if is_known_device(request, login):
            return  # the owner's browser: the ceiling that a guessing elsewhere fills is not its
        account = super()._get_login_attempts_cache_key(request, **credentials)
        ceiling = ratelimit.consume(
            request, app="allauth.account", action="login_failed_account", key=account
        )
        if not ceiling:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")
        # A correct password gives back what this attempt counted, the ceiling included.
        self._login_failed_rl_usage.usage.extend(ceiling.usage)
