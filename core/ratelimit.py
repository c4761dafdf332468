"""Rate limits on every member write, stated once: `limited(...)` for a function view,
`RateLimitMixin` for a class-based one, `allow()` for a view that answers in its own way.

The limits are named in settings.FILMCLUB_RATE_LIMITS ({"action": "10/m"}, allauth's notation:
a count per s/m/h/d, several separated by commas). Each is a fixed window, opened by the first
hit, counted in the default cache (shared by every server with REDIS_URL, like allauth's own
limits), keyed per member, or per client address for a visitor who is not signed in. They are
set so that nobody using the site by hand meets them, only a loop. Over the limit a view answers
429 in the site's look (or JSON for site.js's fetch()), writes nothing, and says how long to wait:
until the window that is full reopens. A form view shows its form again, with what was typed.

A limit counts the writes done. A post the view refuses for what was typed (a form's errors:
`refuse(request)`, which RateLimitMixin's form_invalid calls) is given back to it and counted
instead against REFUSED_TIMES the action's limits, in the same windows: a member's typos do not
use up their allowance, and a loop of bad posts is still stopped. A view that is itself a guess
(a password asked again) does not call `refuse`: its every post counts.

A cache that cannot be reached allows the write: these limits protect the site's capacity, not
an account, and a member should not lose their comment to a Redis outage.
"""

import logging
import math
import time
from dataclasses import dataclass, field
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import BaseCreateView, BaseUpdateView, DeletionMixin, FormMixin

from core.fragments import HEADER, wants_fragment

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# A post refused for what was typed counts against this many times the action's limits.
REFUSED_TIMES = 3
MESSAGE = (
    "You are doing that faster than the club allows. Nothing was saved: wait {wait}, "
    "then try again."
)
# The same, on a form shown again over the limit.
FORM_MESSAGE = MESSAGE + " What you typed is still here."
REFUSED = "_ratelimit_refused"  # the request's mark: refused for what was typed
OVER = "_ratelimit_over"  # the request's mark: over the limit, its Hit


def parse(rates):
    """'10/m,100/h' → [(10, 60), (100, 3600)]; '5/30s' → [(5, 30)]."""
    parsed = []
    for rate in rates.split(","):
        count, _, period = rate.strip().partition("/")
        unit = period[-1]
        parsed.append((int(count), int(period[:-1] or 1) * UNITS[unit]))
    return parsed


def waiting(seconds):
    """How long to wait, as the messages say it: 'a minute' for a minute or less, 'about 10
    minutes', 'about an hour', 'about 3 hours', 'about a day'."""
    minutes = math.ceil(seconds / 60)
    if minutes <= 1:
        return "a minute"
    if minutes < 55:
        return f"about {minutes} minutes"
    hours = round(minutes / 60)
    if hours <= 1:
        return "about an hour"
    if hours < 22:
        return f"about {hours} hours"
    days = round(hours / 24)
    return "about a day" if days <= 1 else f"about {days} days"


def client_key(request):
    """Who is counted: the member, or the visitor's address (as allauth reads it, behind the
    number of trusted proxies DJANGO_TRUSTED_PROXY_COUNT sets)."""
    if request.user.is_authenticated:
        return f"member:{request.user.pk}"
    return f"ip:{get_adapter().get_client_ip(request)}"


def windows(action, who):
    """The cache keys of `action`'s windows for `who` with their count and length: those of the
    writes done, and those of the refused posts."""
    rates = parse(settings.FILMCLUB_RATE_LIMITS[action])  # a limit not named is a bug: say so
    done = [(f"ratelimit:{action}:{n}/{s}:{who}", n, s) for n, s in rates]
    refused = [
        (f"ratelimit:{action}:refused:{n * REFUSED_TIMES}/{s}:{who}", n * REFUSED_TIMES, s)
        for n, s in rates
    ]
    return done, refused


def count_one(key, count, seconds):
    """One more hit in the window `key`; the seconds until it reopens when that makes it over
    `count`, else 0. The window opens with the first hit (add) and lasts `seconds`: incr keeps
    its expiry; its opening time is kept beside it, for the wait."""
    if cache.add(key, 0, timeout=seconds):
        cache.set(f"{key}:opened", time.time(), timeout=seconds)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        cache.set(f"{key}:opened", time.time(), timeout=seconds)
        hits = 1
    if hits <= count:
        return 0
    opened = cache.get(f"{key}:opened")
    return seconds if opened is None else max(1, math.ceil(opened + seconds - time.time()))


def give_back(key):
    try:
        cache.decr(key)
    except ValueError:  # its window has closed meanwhile
        pass


@dataclass
class Hit:
    """One post counted against an action, as a write done and as a refused post until
    `settle` says which; `wait` (seconds) when over a limit, and then nothing stays counted.
    True when allowed."""

    done: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    wait: int = 0

    def __bool__(self):
        return not self.wait

    def saying(self, message):
        """`message` with its {wait} said as the messages say it (waiting)."""
        return message.format(wait=waiting(self.wait))

    def settle(self, refused):
        """Keep the count of what the post turned out to be, give back the other."""
        try:
            for key in self.done if refused else self.refused:
                give_back(key)
        except Exception:  # an unreachable cache: see the module's docstring
            logger.warning("Rate limit not settled: the cache is unreachable", exc_info=True)
        self.done = self.refused = []


def count(request, action):
    """Count a post by whoever sends `request` against `action`, both ways (Hit.settle keeps
    one): refused (falsy, with the wait) once over any of the action's limits or of its refused
    posts' limits."""
    done, refused = windows(action, client_key(request))
    hit = Hit()
    try:
        for counted, keys in ((done, hit.done), (refused, hit.refused)):
            for key, limit, seconds in counted:
                hit.wait = max(hit.wait, count_one(key, limit, seconds))
                keys.append(key)
        if hit.wait:  # nothing stays counted: the count is of posts let through
            for key in hit.done + hit.refused:
                give_back(key)
            hit.done, hit.refused = [], []
    except Exception:  # an unreachable cache: see the module's docstring
        logger.warning("Rate limit %s not counted: the cache is unreachable", action, exc_info=True)
        return Hit()
    return hit


def allow(request, action):
    """Count one `action` done by whoever sends `request`: a Hit, false once over any of its
    limits (its `wait` for too_many)."""
    hit = count(request, action)
    hit.settle(refused=False)
    return hit


def refuse(request):
    """Say that the view refused this post for what was typed (a form's errors): a view of
    `limited` or RateLimitMixin counts it against the looser limits of refused posts."""
    setattr(request, REFUSED, True)


def was_refused(request):
    return getattr(request, REFUSED, False)


def too_many(request, hit, message=MESSAGE):
    """429: the site's page saying why and how long to wait (`message` formatted with the wait
    of `hit`), or for site.js the message as JSON."""
    message = hit.saying(message)
    if wants_fragment(request):
        response = JsonResponse(
            {"error": message, "messages": [{"level": "error", "text": message}]}, status=429
        )
        patch_vary_headers(response, [HEADER])
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    return refused_for_now(response, hit)


def refused_for_now(response, hit):
    """A response to a post over the limit: 429, never stored, retried after the wait (whole
    minutes, as the message says it)."""
    response.status_code = 429
    patch_cache_control(response, private=True, no_store=True)
    response["Retry-After"] = str(60 * max(1, math.ceil(hit.wait / 60)))
    return response


def limited(action, methods=("POST",), shows_form=False):
    """Decorate a function view: each request by `methods` counts against `action` (a post the
    view refuses for what was typed, against the refused posts' limits: `refuse`).

    With `shows_form`, a post over the limit still reaches the view, which must then write
    nothing: `over_limit(request, form)` is true and puts the limit's message on its form, shown
    again with what was typed; the answer is made a 429."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                return view(request, *args, **kwargs)
            hit = count(request, action)
            if not hit:
                if not shows_form or wants_fragment(request):
                    return too_many(request, hit)
                setattr(request, OVER, hit)
                response = view(request, *args, **kwargs)
                if response.status_code != 200:  # not the form shown again: say it plainly
                    return too_many(request, hit)
                return refused_for_now(response, hit)
            try:
                return view(request, *args, **kwargs)
            finally:
                hit.settle(refused=was_refused(request))

        return wrapper

    return decorator


def over_limit(request, form):
    """In a view of limited(..., shows_form=True): whether this post is over its limit, and if
    so `form` carries the message saying how long to wait (its other errors shown too)."""
    hit = getattr(request, OVER, None)
    if hit is None:
        return False
    form.add_error(None, hit.saying(FORM_MESSAGE))
    return True


def member_post(action):
    """Decorate a function view that is a member's write and nothing else: signed in (a visitor
    is sent to sign in), POST only (405 otherwise), and counted against `action`."""

    def decorator(view):
        return login_required(require_POST(limited(action)(view)))

    return decorator


class RateLimitMixin:
    """A class-based view whose POSTs count against `rate_limit` (or `get_rate_limit()`); a
    form's errors (form_invalid) count against the refused posts' limits instead. Over the limit
    a form view shows its form again, with what was typed and how long to wait (429).
    Put it after LoginRequiredMixin, so a visitor is sent to sign in first."""

    rate_limit = None

    def get_rate_limit(self):
        return self.rate_limit

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        hit = count(request, self.get_rate_limit())
        if not hit:
            return self.over_limit(hit)
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            hit.settle(refused=was_refused(request))

    def form_invalid(self, form):
        refuse(self.request)
        return super().form_invalid(form)

    def over_limit(self, hit):
        """429: the form again with what was typed, or (a deletion, site.js) the page or JSON."""
        if wants_fragment(self.request) or isinstance(self, DeletionMixin):
            return too_many(self.request, hit)
        if isinstance(self, BaseUpdateView):
            self.object = self.get_object()
        elif isinstance(self, BaseCreateView):
            self.object = None
        elif not isinstance(self, FormMixin) or isinstance(self, SingleObjectMixin):
            return too_many(self.request, hit)
        form = self.get_form()
        form.add_error(None, hit.saying(FORM_MESSAGE))
        return refused_for_now(self.render_to_response(self.get_context_data(form=form)), hit)
