from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def member_name(member):
    """A member wherever they are named: the display name and, always beside it, the handle,
    which nobody else can hold (includes/member_name.html; Python callers use it directly).
    Escaped as Django's escape() does (html.escape), without its check for lazy strings: a long
    thread names dozens of members."""
    return mark_safe(
        f'<a href="{escape(member.get_absolute_url())}">{escape(str(member.public_name))}</a> '
        f'<span class="handle">@{escape(str(member.username))}</span>'
    )
