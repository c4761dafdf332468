from django import template

from filmclub.dashboard import DASHBOARD_AHEAD, MAIL_FAILURES_SINCE, needs_staff

register = template.Library()


@register.inclusion_tag("admin/includes/needs_staff.html", takes_context=True)
def needs_staff_module(context):
    parts = dict.fromkeys(
        [
            "screenings",
            "hidden_reviews",
            "hidden_comments",
            "changed_seeds",
            "failed_mail",
            "failed_tasks",
        ]
    )
    return {
        **parts,
        **needs_staff(context["request"].user),
        "days": DASHBOARD_AHEAD.days,
        "mail_days": MAIL_FAILURES_SINCE.days,
    }
