from django.conf import settings
from django.core.exceptions import SuspiciousOperation


def permissions_policy(get_response):
    """Add the Permissions-Policy header (Django has no setting): the site uses no device APIs."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


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
