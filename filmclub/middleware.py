from django.conf import settings


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
