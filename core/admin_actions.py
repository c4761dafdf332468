"""The page an admin action shows before it acts (merge, hide with reason, cancel, duplicate)."""

from django.contrib import admin
from django.template.response import TemplateResponse


def confirmation_page(model_admin, request, template_name, *, title, form, **context):
    """The admin's own chrome, the action's form, and what the template needs to post the
    selected rows back (templates/admin/includes/action_form.html)."""
    return TemplateResponse(
        request,
        template_name,
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "opts": model_admin.model._meta,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            **context,
        },
    )
