"""System checks for settings that are fine one by one and unsafe together."""

from django.conf import settings
from django.core.checks import Warning, register


@register("security", deploy=True)
def trusted_proxy_count(app_configs, **kwargs):
    """With DJANGO_TRUSTED_PROXY_COUNT set, the client's address is read from X-Forwarded-For:
    a client that reaches gunicorn directly writes that header itself and picks the address
    every per-address limit counts. Without DJANGO_BEHIND_PROXY the settings say there is no
    proxy in front, so the count is most likely wrong, or gunicorn is reachable directly."""
    if settings.ALLAUTH_TRUSTED_PROXY_COUNT > 0 and not settings.SECURE_PROXY_SSL_HEADER:
        return [
            Warning(
                "DJANGO_TRUSTED_PROXY_COUNT is set but DJANGO_BEHIND_PROXY is not.",
                hint="Behind a reverse proxy set DJANGO_BEHIND_PROXY=true and bind gunicorn to "
                "the proxy only (127.0.0.1 or a unix socket): a client that reaches gunicorn "
                "directly can forge X-Forwarded-For and escape every per-address rate limit. "
                "Without a proxy, leave DJANGO_TRUSTED_PROXY_COUNT at 0.",
                id="filmclub.W001",
            )
        ]
    return []
