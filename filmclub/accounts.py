"""allauth's adapter: signing in is refused while the shared cache is down.

allauth counts failed sign-ins in the cache (ACCOUNT_RATE_LIMITS). When Redis cannot be reached
the cache answers as if empty (core.cache), so every other rate limit fails open; sign-in
alone fails closed, with a message saying why, because without the count a password could be
guessed without limit.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.cache import cache

from core.cache import cache_is_down

SIGN_IN_PAUSED = (
    "Signing in is paused for a moment while the site recovers from a fault. "
    "Please try again in a minute or two."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, "sign_in_paused": SIGN_IN_PAUSED}

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # counts the attempt, in the cache
        if cache_is_down(cache):
            raise self.validation_error("sign_in_paused")
