"""Links to one row's page (get_absolute_url), made without reverse()'s work for each.

reverse() matches every URL it makes against its route's regular expression, some 25 µs: a page
that names dozens of rows (a film's cast and crew, a long thread's members, a list's venues and
films) spent milliseconds on it. The route is reversed once (one_argument_route, per script
prefix, URLconf, application and language as given) with stand-ins for its one argument; each
link is then the value put in their place. Only for values every slug or string route accepts as
they are (PLAIN: letters, digits, "-" and "_", which need no quoting), and only for a route that
takes two unlike stand-ins alike (an int or UUID route takes neither); anything else goes through
reverse() itself. {% url %} given one argument does the same (core.templatetags.known_urls).
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.http import url_has_allowed_host_and_scheme

PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
# Two stand-ins for an argument, between them of every kind of character PLAIN allows.
STAND_INS = ("core-links-marker", "Z_9")


def reverse_one(viewname, argument, value):
    """reverse(viewname, kwargs={argument: value}) for a route that takes that one argument."""
    value = str(value)
    if PLAIN.fullmatch(value):
        # Not by the language (3 µs a link, and the site's routes are not translated); the
        # URLconf as it is set for this thread, None for the settings' (forget_routes clears
        # what is kept when a setting changes).
        route = one_argument_route(
            viewname, argument, None, get_urlconf(), get_script_prefix(), None
        )
        if route is not None:
            return f"{route[0]}{value}{route[1]}"
    return reverse(viewname, kwargs={argument: value})


@lru_cache(maxsize=1024)
def one_argument_route(view_name, keyword, current_app, urlconf, prefix, language):
    """(the address before the argument, after it) of a name given one argument (`keyword`, or
    None for a positional one), or None when the route does not take the stand-ins alike."""
    parts = []
    for stand_in in STAND_INS:
        arguments = {"kwargs": {keyword: stand_in}} if keyword else {"args": [stand_in]}
        try:
            address = reverse(view_name, urlconf=urlconf, current_app=current_app, **arguments)
        except NoReverseMatch:
            return None
        parts.append(tuple(address.split(stand_in)))
    if parts[0] != parts[1] or len(parts[0]) != 2:
        return None
    return parts[0]


@receiver(setting_changed, dispatch_uid="core-links-setting-changed")
def forget_routes(**kwargs):
    one_argument_route.cache_clear()


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
