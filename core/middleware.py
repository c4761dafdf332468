from django.conf import settings
from django.core.exceptions import SuspiciousOperation


def permissions_policy(get_response):
    """Add the Permissions-Policy header (Django has no setting): the site uses no device APIs."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def static_file_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: whitenoise answers for static files before the rest of
    the middleware runs, so they get the pages' security headers here (an SVG or a text file
    opened on its own is a document too: no framing, no sniffing, the same policy)."""
    from csp.utils import build_policy

    headers["Content-Security-Policy"] = build_policy()
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY


class NulInQueryString(SuspiciousOperation):
    pass


def refuse_nul_in_query_string(get_response):
    """Answer 400 to a query string holding a NUL character (%00), before any view sees it: no
    page takes one, and PostgreSQL refuses NUL in any text it is asked to compare, so a filter,
    an admin list filter or an autocomplete search given one would fail with a 500 there."""

    def middleware(request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            raise NulInQueryString("NUL character in the query string.")
        return get_response(request)

    return middleware
