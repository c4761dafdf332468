"""Rate limits on every member write, stated once: `limited(...)` for a function view,
`RateLimitMixin` for a class-based one, `allow()` for a view that answers in its own way.

The limits are named in settings.FILMCLUB_RATE_LIMITS ({"action": "10/m"}, allauth's notation:
a count per s/m/h/d, several separated by commas). Each is a fixed window, opened by the first
hit, counted in the default cache (shared by every server with REDIS_URL, like allauth's own
limits), keyed per member, or per client address for a visitor who is not signed in. They are
set so that nobody using the site by hand meets them, only a loop. Over the limit a view answers
429 in the site's look (or JSON for site.js's fetch()), and writes nothing.

A cache that cannot be reached allows the write: these limits protect the site's capacity, not
an account, and a member should not lose their comment to a Redis outage.
"""

import logging
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_POST

from core.fragments import HEADER, wants_fragment

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MESSAGE = (
    "You are doing that faster than the club allows. Nothing was saved: wait a minute, "
    "then try again."
)


def parse(rates):
    """'10/m,100/h' → [(10, 60), (100, 3600)]; '5/30s' → [(5, 30)]."""
    parsed = []
    for rate in rates.split(","):
        count, _, period = rate.strip().partition("/")
        unit = period[-1]
        parsed.append((int(count), int(period[:-1] or 1) * UNITS[unit]))
    return parsed


def client_key(request):
    """Who is counted: the member, or the visitor's address (as allauth reads it, behind the
    number of trusted proxies DJANGO_TRUSTED_PROXY_COUNT sets)."""
    if request.user.is_authenticated:
        return f"member:{request.user.pk}"
    return f"ip:{get_adapter().get_client_ip(request)}"


def allow(request, action):
    """Count one `action` by whoever sends `request`; False once over any of its limits."""
    who = client_key(request)
    rates = parse(settings.FILMCLUB_RATE_LIMITS[action])  # a limit not named is a bug: say so
    try:
        for count, seconds in rates:
            # The window opens with the first hit (add) and lasts `seconds`: incr keeps its expiry.
            key = f"ratelimit:{action}:{count}/{seconds}:{who}"
            cache.add(key, 0, timeout=seconds)
            try:
                hits = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=seconds)
                hits = 1
            if hits > count:
                return False
    except Exception:  # an unreachable cache: see the module's docstring
        logger.warning("Rate limit %s not counted: the cache is unreachable", action, exc_info=True)
    return True


def too_many(request, message=MESSAGE):
    """429: the site's page saying why, or for site.js the message as JSON."""
    if wants_fragment(request):
        response = JsonResponse(
            {"error": message, "messages": [{"level": "error", "text": message}]}, status=429
        )
        patch_vary_headers(response, [HEADER])
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    patch_cache_control(response, private=True, no_store=True)
    response["Retry-After"] = "60"
    return response


def limited(action, methods=("POST",)):
    """Decorate a function view: each request by `methods` counts against `action`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not allow(request, action):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def member_post(action):
    """Decorate a function view that is a member's write and nothing else: signed in (a visitor
    is sent to sign in), POST only (405 otherwise), and counted against `action`."""

    def decorator(view):
        return login_required(require_POST(limited(action)(view)))

    return decorator


class RateLimitMixin:
    """A class-based view whose POSTs count against `rate_limit` (or `get_rate_limit()`).
    Put it after LoginRequiredMixin, so a visitor is sent to sign in first."""

    rate_limit = None

    def get_rate_limit(self):
        return self.rate_limit

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not allow(request, self.get_rate_limit()):
            return too_many(request)
        return super().dispatch(request, *args, **kwargs)
