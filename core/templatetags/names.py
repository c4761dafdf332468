from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def member_name(member):
    """A member wherever they are named: the display name and, always beside it, the handle,
    which nobody else can hold (includes/member_name.html; Python callers use it directly)."""
    return format_html(
        '<a href="{}">{}</a> <span class="handle">@{}</span>',
        member.get_absolute_url(),
        member.public_name,
        member.username,
    )
