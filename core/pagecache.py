"""The cache's one door: whole pages for visitors who are not signed in, parts of pages
({% shared %}) and values views keep (`cached`), each invalidated by what changed.

Whatever is cached says what it depends on: tags such as `film:42`, `review:7`, `screenings`,
declared while it is built (`depends_on`, or `{% depends_on %}` in a template) and collected for
the request, the fragment or the value being built. A write bumps only the tags of what it
changed: each app says which (`invalidates` in its AppConfig.ready), and the save, delete and
many-to-many signals bump them, again when the transaction commits. Checking an entry costs one
round trip to Redis (core.tagstore). A page that declared nothing is served, never kept, and
nothing built for a free-text search (`?q=`) is kept (NEVER_KEPT_PARAMETERS).

A page is cached only when nothing in it can belong to one visitor: the request carries no session
and no pending messages, and the response sets no cookie and used no CSRF token. The timeout
bounds pages that change with the clock alone ("what is on" once a screening has started).
"""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.tagstore import store_for

SKIPPED_PREFIXES = ("/admin/", "/accounts/", "/media/", "/static/")
# Longer query strings are served but not cached, so odd URLs cannot flood the cache.
MAX_QUERY_STRING = 256
# The query parameters the site's pages read: a request with any other is served, not kept, so
# made-up parameters cannot fill the cache.
PAGE_PARAMETERS = {"q", "year", "country", "language", "page"}
# Free-text parameters: any text makes a new page, so a loop of made-up searches would fill the
# cache. A request giving one a value is served, and nothing built for it is kept (the page, its
# {% shared %} parts, its counts); what is already kept (filter options) is still read.
NEVER_KEPT_PARAMETERS = {"q"}
# Parameters that only say where a visitor came from: left out of the page's key, so that
# tracking links share the page their target has cached.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga")
# What every entry depends on: `invalidate_all` bumps it (after writes that sent no signal).
EVERYTHING = "all"
# An entry that shows more rows than this of a model with a family tag (`invalidates(family=)`)
# depends on the family instead (a long thread names hundreds of members: `users`, not each).
MANY = 20

_collected = ContextVar("cache_tags", default=None)
# False while handling a request of which nothing is kept (keeps_nothing).
_keeping = ContextVar("cache_keeping", default=True)


def instance_tag(instance):
    """The tag of one row: `film:42`."""
    return f"{instance._meta.model_name}:{instance.pk}"


def depends_on(*tags):
    """Declare that what is being built (the page, a part, a value) shows what `tags` name."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


@contextmanager
def collecting():
    """The set of tags declared inside the block; they count for the enclosing block too."""
    tags = set()
    token = _collected.set(tags)
    try:
        yield tags
    finally:
        _collected.reset(token)
        depends_on(*tags)


def enabled():
    return bool(settings.PAGE_CACHE_SECONDS)


def tag_store():
    cache = caches["pages"]
    store = getattr(cache, "_tag_store", None)
    if store is None:
        store = cache._tag_store = store_for(cache)
    return store


def fetch(key):
    """((tags, value) if `key` holds an entry none of whose tags changed, else None, the clock
    to give `keep`): one round trip. A hit's tags count for what is being built."""
    found, clock = tag_store().fetch(key)
    if found is not None and _collected.get() is not None:
        depends_on(*found[0])
    return found, clock


def keep(key, value, tags, clock, *, any_request=False):
    """Keep `value` under `key`, valid until one of `tags` is bumped (or the timeout), unless
    this request's are never kept (keeps_nothing) and `any_request` is not set."""
    if not (_keeping.get() or any_request):
        return False
    tags = {*compact(tags), EVERYTHING}
    return tag_store().store(key, value, tags, clock, settings.PAGE_CACHE_SECONDS)


def compact(tags):
    """`tags`, with the rows of a model that has a family tag replaced by the family when there
    are more than MANY of them: checking an entry stays cheap."""
    rows = {}
    for tag in tags:
        model, _, pk = tag.partition(":")
        if model in _families and pk.isdigit():
            rows.setdefault(model, set()).add(tag)
    for model, tags_of_rows in rows.items():
        if len(tags_of_rows) > MANY:
            tags = (set(tags) - tags_of_rows) | {_families[model]}
    return tags


def cached(key, build, tags=(), *, any_request=False):
    """What `build()` returns, built once for everyone until one of `tags`, or of the tags
    declared while building, is bumped. For values that hold nothing of one visitor.

    With `any_request`, kept even while a request of which nothing is kept (a search) builds
    it: for a value whose key names nothing the visitor typed (the public members), which a
    loop of made-up searches cannot multiply."""
    if not enabled():
        depends_on(*tags)
        return build()
    key = f"value:{key}"
    found, clock = fetch(key)
    if found is not None:
        return found[1]
    with collecting() as collected:
        depends_on(*tags)
        value = build()
    keep(key, value, collected, clock, any_request=any_request)
    return value


# Invalidation: what each write bumps.

# model: (function of an instance -> its tags, field sets whose saves show nowhere, function of
# an instance deleted along with another row -> its tags)
_rules = {}
_families = {}  # model name: the tag every write to one of its rows bumps too


def invalidates(model, tags=None, *, unshown=(), family=None, cascaded=None):
    """Saves and deletes of `model` bump the row's own tag and `tags(instance)`; a save of only
    the fields of one of the sets in `unshown` bumps nothing (signing in stamps last_login).
    With `family`, every write bumps that tag too, and an entry showing many rows (MANY) depends
    on it instead of each row's tag.

    With `cascaded`, a row deleted along with another (a review's comments, deleted with it; or
    by a queryset's delete(): post_delete's `origin` is not the row itself) bumps
    `cascaded(instance, origin)` instead of `tags(instance)`: for a rule whose tags look rows up
    (to bump less, or to find a related row's tag), which would cost those lookups for each of
    the many rows of a cascade; `origin` (the row or queryset delete() was called on) may hold
    what they would look up."""
    tags = tags or (lambda instance: ())
    cascaded = cascaded or (lambda instance, origin: tags(instance))
    if family is not None:
        _families[model._meta.model_name] = family
        tags, cascaded = family_too(tags, family), family_too(cascaded, family)
    _rules[model] = (tags, [frozenset(fields) for fields in unshown], cascaded)
    dispatch = f"pagecache-{model._meta.label}"
    post_save.connect(on_write, sender=model, dispatch_uid=f"{dispatch}-save")
    post_delete.connect(on_write, sender=model, dispatch_uid=f"{dispatch}-delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="pagecache-m2m")


def family_too(tags, family):
    def with_family(*instance_and_origin):
        return [*tags(*instance_and_origin), family]

    return with_family


def tags_of_write(instance, *, origin=None):
    """The tags a write of `instance` bumps; `origin`: for a delete, what delete() was called
    on (another row or a queryset: the rule for rows deleted along with it, `cascaded`)."""
    tags, _unshown, cascaded = _rules[type(instance)]
    if origin is None or origin is instance:
        return {instance_tag(instance), *tags(instance)}
    return {instance_tag(instance), *cascaded(instance, origin)}


def on_write(sender, instance, update_fields=None, origin=None, **kwargs):
    """post_save and post_delete. A delete's `origin` is what delete() was called on: the row
    itself, or another row or a queryset whose deletion took this one along."""
    if update_fields is not None and frozenset(update_fields) in _rules[sender][1]:
        return
    bump(*tags_of_write(instance, origin=origin))


def on_m2m_change(sender, instance, action, model, pk_set, **kwargs):
    if not action.startswith("post_") or type(instance) not in _rules:
        return
    tags = tags_of_write(instance)
    if model in _rules:  # the rows added or removed at the other end
        tags.update(f"{model._meta.model_name}:{pk}" for pk in pk_set or ())
    bump(*tags)


def bump(*tags):
    """Make stale everything that depends on `tags` (on all servers sharing the cache): at once,
    and again when the transaction commits, so a page built in between from the data as it was
    before the commit is never served."""
    if not enabled() or not tags:
        return
    tag_store().bump(tags)
    if connection.in_atomic_block:
        transaction.on_commit(partial(tag_store().bump, tags))


def invalidate_all():
    """Make every entry stale (after bulk writes that sent no signal)."""
    bump(EVERYTHING)


# Whole pages.


def page_parameters(request):
    """The request's query parameters without tracking ones (utm_*, fbclid…), in order."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return sorted(
        (name, value) for name, value in pairs if not name.startswith(TRACKING_PARAMETERS)
    )


def page_query(request, leave_out=()):
    """The query string of the parameters the site's pages read (PAGE_PARAMETERS), in order:
    what a page's content may depend on, tracking and made-up parameters left out."""
    return urlencode(
        [
            (name, value)
            for name, value in page_parameters(request)
            if name in PAGE_PARAMETERS and name not in leave_out
        ]
    )


def url_digest(request):
    """The request's URL, tracking parameters left out, hashed: a key of bounded length."""
    query = urlencode(page_parameters(request))
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return hashlib.sha256(url.encode()).hexdigest()


def keeps_nothing(request):
    """Whether nothing built for `request` may be kept: it gives a free-text parameter a value
    (NEVER_KEPT_PARAMETERS)."""
    return any(name in NEVER_KEPT_PARAMETERS and value for name, value in page_parameters(request))


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not keeps_nothing(request)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and all(name in PAGE_PARAMETERS for name, _value in page_parameters(request))
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
        token = _keeping.set(not keeps_nothing(request))
        try:
            return self.respond(request)
        finally:
            _keeping.reset(token)

    def respond(self, request):
        if not enabled() or not is_cacheable_request(request):
            return self.get_response(request)
        key = f"page:{request.method}:{url_digest(request)}"
        found, clock = fetch(key)
        if found is not None:
            response = found[1]
            response["X-Page-Cache"] = "hit"
            return response
        with collecting() as tags:
            response = self.get_response(request)
            cacheable = is_cacheable_response(request, response)
            if cacheable and hasattr(response, "render") and not response.is_rendered:
                response.render()
        # A page that said nothing of what it shows is not kept.
        if cacheable and tags and keep(key, response, tags, clock):
            response["X-Page-Cache"] = "miss"
        return response
