"""Links to one row's page (get_absolute_url), made without reverse()'s work for each.

reverse() matches every URL it makes against its route's regular expression, some 25 µs: a page
that names dozens of rows (a film's cast and crew, a long thread's members, a list's venues and
films) spent milliseconds on it. The route is reversed once (per script prefix and URLconf) with
a marker for its one argument; each link is then the value put in the marker's place. Only for
values every slug or string route accepts as they are (letters, digits, "-" and "_", which need
no quoting); any other value goes through reverse() itself.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import url_has_allowed_host_and_scheme

PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
MARKER = "core-links-marker"

_routes = {}  # (view name, argument, script prefix, URLconf): (the URL before, after the value)


def reverse_one(viewname, argument, value):
    """reverse(viewname, kwargs={argument: value}) for a route that takes that one argument."""
    value = str(value)
    if not PLAIN.fullmatch(value):
        return reverse(viewname, kwargs={argument: value})
    key = (viewname, argument, get_script_prefix(), get_urlconf())
    route = _routes.get(key)
    if route is None:
        parts = reverse(viewname, kwargs={argument: MARKER}).split(MARKER)
        if len(parts) != 2:
            return reverse(viewname, kwargs={argument: value})
        route = _routes[key] = tuple(parts)
    return f"{route[0]}{value}{route[1]}"


def site_url(path="/"):
    """`path` on the site's one canonical origin: settings.SITE_DOMAIN (DJANGO_SITE_DOMAIN, which
    every `migrate` writes into the Sites record) over https, or http in development. Every URL
    the site gives out to be used elsewhere names it, whatever host or scheme a request came on:
    the canonical link, Open Graph and JSON-LD, the sitemap and robots.txt, the feeds, the
    calendar files and the mails. So a page reached at two addresses (www. and not, an IP)
    names one of them, and a crawler or a share counts one page."""
    return f"{site_scheme()}://{settings.SITE_DOMAIN}{path}"


def site_scheme():
    return "http" if settings.DEBUG else "https"


def back_to(request, default):
    """Where a toggle (follow, like) returns: the `next` it was given, if that is a page of
    this site; otherwise `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
