"""The site's own error views.

`page_not_found` and `permission_denied` are `handler404` and `handler403`: the 404 and 403 pages
with the words the view gave (core.refusals), where it gave some.

`server_error` is `handler500`: Django calls it while handling an exception no view caught,
wherever it was raised (a view, a template, a middleware saving the session). When that
exception says the database cannot be reached, the answer is a 503 that says so, with
Retry-After, rather than "something went wrong": nothing is broken, the club is waiting for its
database. What needs no database still works meanwhile: static files, and the pages the page
cache holds for visitors (core.pagecache answers before any view).
"""

import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.template import loader
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as django_server_error

from core import sharecard
from core.refusals import NotFound, Unconfirmed

# How long a share card may be kept: a year under a versioned URL (?v=, which changes with the
# picture), a day under the plain one.
CARD_MAX_AGE_VERSIONED = 365 * 24 * 3600
CARD_MAX_AGE = 24 * 3600
SITE_CARD_TITLE = "Films in the park, reviews by members"
# Seconds a client is told to wait before asking again while the database is away.
RETRY_AFTER = 30


def database_is_down():
    """Whether the default database refuses a new connection now (an OperationalError may also
    be a lock timeout on a database that is up: that is still a 500)."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        return True
    return False


@requires_csrf_token
def page_not_found(request, exception, template_name="404.html"):
    """The 404 page, saying what is not there when the view said so (NotFound)."""
    message = str(exception) if isinstance(exception, NotFound) else ""
    html = loader.render_to_string(template_name, {"message": message}, request)
    return HttpResponseNotFound(html)


@requires_csrf_token
def permission_denied(request, exception, template_name="403.html"):
    """The 403 page, with the reason the view gave (PermissionDenied's message), if any, and
    for a member refused until they confirm their address (Unconfirmed) the way to do it."""
    context = {"reason": str(exception), "unconfirmed": isinstance(exception, Unconfirmed)}
    html = loader.render_to_string(template_name, context, request)
    return HttpResponseForbidden(html)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)) and database_is_down():
        return database_unavailable(request)
    return django_server_error(request, template_name)


def database_unavailable(request):
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def card_response(request, version, render):
    """A share card (PNG) as an answer: 304 when the client has this version (ETag), otherwise
    the picture kept in the media storage under `version`, drawn by `render()` the first time."""
    etag = f'"{version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        png = sharecard.stored(f"share/{version}.png", render)
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=CARD_MAX_AGE_VERSIONED, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=CARD_MAX_AGE)
    return response


def site_card_version():
    return sharecard.digest("site", settings.SITE_NAME, SITE_CARD_TITLE)


def site_card_image():
    """The card of pages that have no picture of their own (ShareImage, under its version)."""
    url = f"{reverse('site-card')}?v={site_card_version()}"
    return sharecard.ShareImage(url, *sharecard.CARD_SIZE, alt=settings.SITE_NAME)


@require_safe
def site_card(request):
    """The site's own share card: its mark, its name and what it is about."""
    return card_response(
        request,
        site_card_version(),
        lambda: sharecard.render_card(SITE_CARD_TITLE, site_name=settings.SITE_NAME),
    )
