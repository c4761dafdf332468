from django import template

from notifications.sending import unread_count

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def bell(context):
    """The header's bell and the member's unread count (cached: no query on most pages). Only
    for signed-in members: pages cached for visitors never hold it."""
    request = context["request"]
    return {"request": request, "unread": unread_count(request.user)}
