"""allauth's adapter: failed sign-ins counted so that they cannot lock a member out, and no
handle that passes for the club.

allauth counts failed sign-ins per address and per account (`login_failed`: "10/m/ip,5/5m/key",
the key being the email): five wrong passwords from anyone lock the account for everyone, its
owner included, even with the right password. Here the key is the pair (address, account), so
the address that guesses is slowed and the owner, from their own address, signs in. A ceiling
per account alone (`login_failed_account`, far above what one address may try) still stops a
guessing spread over many addresses; only such an attack can reach it.

Those counts live in the cache. When Redis cannot be reached the cache answers as if empty
(core.cache), so every other rate limit fails open; sign-in alone fails closed, with a message
saying why, because without the count a password could be guessed without limit.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError

from core.cache import cache_is_down

SIGN_IN_PAUSED = (
    "Signing in is paused for a moment while the site recovers from a fault. "
    "Please try again in a minute or two."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, "sign_in_paused": SIGN_IN_PAUSED}

    def clean_username(self, username, shallow=False):
        """No handle passes for the club itself (display names: User.clean)."""
        username = super().clean_username(username, shallow=shallow)
        if get_user_model().looks_like_the_club(username):
            raise ValidationError("That handle is the club's own name: choose one of yours.")
        return username

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The (address, account) pair: allauth's `key` for `login_failed`, and what a password
        reset from that address clears."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}/{account}"

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # per address, per (address, account)
        if cache_is_down(cache):
            raise self.validation_error("sign_in_paused")
        account = super()._get_login_attempts_cache_key(request, **credentials)
        ceiling = ratelimit.consume(
            request, app="allauth.account", action="login_failed_account", key=account
        )
        if not ceiling:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")
        # A correct password gives back what this attempt counted, the ceiling included.
        self._login_failed_rl_usage.usage.extend(ceiling.usage)
