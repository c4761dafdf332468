"""Answers for the site's small script (static/js/site.js), which posts some forms with fetch().

A form the script enhances is posted with `X-Requested-With: fetch`; the view then answers with
JSON holding the re-rendered part of the page and the message a reload would have shown, instead
of a redirect. Without the script the same view answers the plain POST with a redirect and a
flash message, so every page works without JavaScript.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers

HEADER = "X-Requested-With"
HEADER_VALUE = "fetch"


def wants_fragment(request):
    return request.headers.get(HEADER) == HEADER_VALUE


def fragment_response(request, template_name, context, *, message, level="success", focus=""):
    """JSON for the script: {"html": the fragment, "messages": [...], "focus": an element id}.

    It belongs to one member: private and never stored, so no cache (ours or a proxy's) keeps it.
    """
    html = render_to_string(template_name, context, request=request)
    response = JsonResponse(
        {"html": html, "messages": [{"level": level, "text": message}], "focus": focus}
    )
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, [HEADER])
    return response
