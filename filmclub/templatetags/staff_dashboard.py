from django import template

from filmclub.dashboard import DASHBOARD_AHEAD, needs_staff

register = template.Library()


@register.inclusion_tag("admin/includes/needs_staff.html", takes_context=True)
def needs_staff_module(context):
    parts = dict.fromkeys(["screenings", "hidden_reviews", "hidden_comments", "changed_seeds"])
    return {**parts, **needs_staff(context["request"].user), "days": DASHBOARD_AHEAD.days}
