"""Refusals written for the member: the 403 and 404 pages (core.views) show their words.

A plain PermissionDenied's message is shown on the 403 page as the reason when it has one. A
plain Http404's message is not shown (Django's own say "No Comment matches the given query."):
a view that knows what is missing raises NotFound with words for the visitor instead.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class Unconfirmed(PermissionDenied):
    """Refused until the member confirms their email address: the 403 page gives the reason
    and a link to send the confirmation mail again."""


class NotFound(Http404):
    """A 404 whose message the 404 page shows: what is not there, in the site's words."""
