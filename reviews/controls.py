"""A member's own controls in a discussion that is otherwise the same for every member.

The comment template (templates/includes/comment.html) writes markers where the controls go
instead of the controls: `<!--csrf-->` for a reply form's CSRF field, `<!--own:PK:AUTHOR-->` for
the edit and delete links a comment's author sees, `<!--moderate:PK:HIDDEN-->` for the staff's
hide/unhide link. So the thread can be a shared fragment ({% shared %}), cached once for all
members, and `fill` writes each member's controls into it per request. Members cannot write a
marker themselves: comment bodies and names are escaped (`<` becomes `&lt;`).
"""

import re

from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reviews.models import Comment, can_moderate

CSRF = "<!--csrf-->"
OWN = re.compile(r"<!--own:(\d+):(\d+)-->")
MODERATE = re.compile(r"<!--moderate:(\d+):([01])-->")


def fill(html, request):
    """`html` with the markers replaced by what `request`'s member may do."""
    user = request.user  # a lazy object: read once, not once per comment
    member = user.pk if user.is_authenticated else None
    staff = can_moderate(user, Comment)
    if CSRF in html:  # only then: a page without a form keeps no CSRF token (and stays cacheable)
        html = html.replace(CSRF, csrf_input(request))

    def own(match):
        pk, author = match.groups()
        if member is None or int(author) != member:
            return ""
        return format_html(
            '<a href="{}">Edit</a>\n          <a href="{}">Delete</a>',
            reverse("reviews:comment-update", args=[pk]),
            reverse("reviews:comment-delete", args=[pk]),
        )

    def moderate(match):
        pk, hidden = match.groups()
        return format_html(
            '<a href="{}">{}</a>',
            reverse("reviews:comment-moderate", args=[pk]),
            "Unhide" if hidden == "1" else "Hide",
        )

    html = OWN.sub(own, html)
    html = MODERATE.sub(moderate, html) if staff else MODERATE.sub("", html)
    return mark_safe(html)
