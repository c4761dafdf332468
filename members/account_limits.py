"""allauth's rate limits (settings.ACCOUNT_RATE_LIMITS) as the site says them: the 429 page
names how long to wait for the limit that was met, and joining counts the accounts opened, not
the attempts a typo sends back.

allauth counts each window as the times of its hits (a sliding window): the wait is until the
hit that filled it ages out. A window counted per key (an email) is not known from the request
alone; when no other is full, its whole length is said.
"""

import time

from allauth.account.views import SignupView
from allauth.core.internal import ratelimit
from django.core.cache import cache

from core.ratelimit import Hit, refused_for_now, too_many

APP = "allauth.account"
# allauth's views that answer 429, by URL name, and the limit each counts.
ACTIONS = {
    "account_signup": "signup",
    "account_login": "login",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_reauthenticate": "reauthenticate",
}
MESSAGE = "You have sent too many requests in a short time. Wait {wait}, then try again."
JOINED_MESSAGE = (
    "A great many accounts have been opened from your network in the last hour. Nothing was "
    "saved: wait {wait}, then join again."
)


def wait_for(request, action):
    """Seconds until allauth's `action` lets this client through again."""
    now = time.time()
    full, by_key = [], []
    for rate in ratelimit.get_rates(app=APP, action=action):
        if rate.per == "key" or (rate.per == "user" and not request.user.is_authenticated):
            by_key.append(rate.duration)
            continue
        key = ratelimit.get_cache_key(request, app=APP, action=action, rate=rate)
        live = [hit for hit in cache.get(key, []) if hit > now - rate.duration]  # newest first
        if len(live) >= rate.amount:
            full.append(live[rate.amount - 1] + rate.duration - now)
    return max(full or by_key or [60])


def too_many_attempts(request):
    """allauth's 429 (the URLconf's handler429): the site's page, with the wait of the limit
    the view counts."""
    match = request.resolver_match
    action = ACTIONS.get(match.url_name if match else None)
    wait = wait_for(request, action) if action else 60
    return too_many(request, Hit(wait=wait), MESSAGE)


class JoinView(SignupView):
    """allauth's sign-up, counting the accounts opened against "signup_joined" (per address):
    allauth's own "signup" counts every attempt, those sent back for a taken handle or
    passwords that differ too, so it is set loose enough for a crowd's typos and only a flood
    meets it. Over the limit the form is shown again with what was typed (429)."""

    def form_valid(self, form):
        if not ratelimit.consume(self.request, app=APP, action="signup_joined"):
            hit = Hit(wait=wait_for(self.request, "signup_joined"))
            form.add_error(None, hit.saying(JOINED_MESSAGE))
            return refused_for_now(self.form_invalid(form), hit)
        return super().form_valid(form)
