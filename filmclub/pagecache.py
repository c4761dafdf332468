"""Whole-page caching for visitors who are not signed in, in the shared cache.

A page is cached only when nothing in it can belong to one visitor: the request carries no session
and no pending messages, and the response sets no cookie and used no CSRF token. Every write to
the club's own models bumps one generation number that is stamped on every entry (read with the
entry, in one round trip), so no cached page outlives a change to what it shows; the timeout
bounds pages that change with the clock alone ("what is on" once a screening has started).

A remembered value made from one area of the club's data only (AREAS) may be stamped with that
area's generation instead, which only writes to that area raise: a comment then leaves it alone.
"""

import hashlib
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "pagecache:generation"
# Areas of the club's data with a generation of their own: {name: (app labels, models of those
# apps the area leaves out)}. Named by app, so a model added to one of them later counts as part
# of the area until it is listed as left out.
AREAS = {
    # What the calendar feed shows: screenings, their venues and programmes, the films' facts;
    # not who is going (RSVPs), nor reviews, comments or members.
    "programme": ({"films", "screenings"}, {"screenings.RSVP"}),
}
CACHED_APPS = {"filmclub", "films", "reviews", "screenings"}
SKIPPED_PREFIXES = ("/admin/", "/accounts/", "/media/", "/static/")
# Longer query strings are served but not cached, so odd URLs cannot flood the cache.
MAX_QUERY_STRING = 256


def page_cache():
    return caches["pages"]


def generation_key(area=None):
    """The key of the whole club's generation, or of one of AREAS."""
    if area is None:
        return GENERATION_KEY
    if area not in AREAS:
        raise ValueError(f"No such area of the club's data: {area!r}.")
    return f"{GENERATION_KEY}:{area}"


def areas_of(model):
    label, app_label = model._meta.label, model._meta.app_label
    return [
        name
        for name, (apps_, left_out) in AREAS.items()
        if app_label in apps_ and label not in left_out
    ]


def generation(area=None):
    cache, name = page_cache(), generation_key(area)
    value = cache.get(name)
    if value is None:
        cache.add(name, 1, timeout=None)
        value = cache.get(name, 1)
    return value


def fetch(key, area=None):
    """(the current generation, what `key` holds if it was stored in that generation, else None),
    in one round trip to the cache: a hit costs one request to Redis, not two. The generation is
    the whole club's, or `area`'s."""
    name = generation_key(area)
    found = page_cache().get_many([name, key])
    current = found.get(name) or generation(area)
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return current, stored[1]
    return current, None


def store(key, current, value):
    """Keep `value` under `key`, stamped with the generation it was made from."""
    page_cache().set(key, (current, value), settings.PAGE_CACHE_SECONDS)


def bump_generation(areas=()):
    """Raise the whole club's generation and those of `areas`."""
    cache = page_cache()
    for name in [GENERATION_KEY, *map(generation_key, areas)]:
        try:
            cache.incr(name)
        except ValueError:
            cache.add(name, 2, timeout=None)


# Saves that change nothing a page shows: signing in stamps the member's last_login.
UNSHOWN_UPDATES = [frozenset({"last_login"})]


def invalidate(sender=None, update_fields=None, **kwargs):
    """Make every cached page stale at once (on all servers sharing the cache), and every value
    remembered from the area of the club's data the model `sender` belongs to (without one,
    from every area: after writes that sent no signal).

    Bumped at once and again when the transaction commits: a page rendered in between, from
    the data as it was before the commit, is then never served.
    """
    if update_fields in UNSHOWN_UPDATES:
        return
    areas = list(AREAS) if sender is None else areas_of(sender)
    bump_generation(areas)
    transaction.on_commit(partial(bump_generation, areas))


def connect_invalidation():
    for model in apps.get_models():
        if model._meta.app_label in CACHED_APPS and model._meta.label != "filmclub.SeedFile":
            post_save.connect(invalidate, sender=model, dispatch_uid=f"pagecache-save-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"pagecache-del-{model}")
    m2m_changed.connect(invalidate, dispatch_uid="pagecache-m2m")


def url_digest(request):
    """The request's absolute URL, hashed: a cache key of bounded length."""
    return hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not shows_a_message(request)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def shows_a_message(request):
    """A message added while handling this request and shown in its page ("Saved.") is meant
    for this visitor only. (Messages carried in from an earlier request come in a cookie, and such
    requests are never cached.)"""
    storage = getattr(request, "_messages", None)
    return storage is not None and storage.used and len(storage) > 0


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_cacheable_request(request):
            return self.get_response(request)
        key = f"pagecache:{request.method}:{url_digest(request)}"
        current, response = fetch(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            store(key, current, response)
            response["X-Page-Cache"] = "miss"
        return response


def remembered(name, build, area=None):
    """What `build()` returns, made once per data generation for everyone: any write to the
    club's data forgets it, as it does cached pages, or with `area`, any write to that area
    (AREAS) only. For values that hold nothing of one visitor (the catalogue's list of years, a
    calendar feed's body)."""
    if not settings.PAGE_CACHE_SECONDS:
        return build()
    key = f"remembered:{name}"
    current, value = fetch(key, area)
    if value is None:
        value = build()
        store(key, current, value)
    return value


def shared_body(request, build, area=None):
    """The bytes `build()` makes for this URL, made once per data generation (of `area`, if
    given) for everyone.

    For responses that hold nothing of one visitor (a calendar feed): signed-in members, whose
    pages bypass the page cache, get them from the cache too.
    """
    return remembered(f"shared-body:{url_digest(request)}", build, area)
