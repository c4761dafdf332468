from django import forms
from django.contrib import admin, messages
from django.utils.text import Truncator

from core.admin_actions import confirmation_page
from core.admin_widgets import AutocompleteAdmin, LabelledDateTimes
from films.formfields import PrintableCharField
from reviews.models import Comment, Review


class HideForm(forms.Form):
    reason = PrintableCharField(
        max_length=300,
        help_text="Shown to the authors of what you hide.",
        error_messages={"required": "Give a reason for hiding; the authors will see it."},
    )


class ModerationActionsMixin:
    """'Hide with reason' (through a page that asks for the reason) and 'Unhide'."""

    actions = ["hide_with_reason", "unhide"]

    @admin.action(description="Hide with reason", permissions=["change"])
    def hide_with_reason(self, request, queryset):
        form = HideForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            for item in queryset:
                item.hide(reason)
            count, meta = len(queryset), self.model._meta
            names = meta.verbose_name if count == 1 else meta.verbose_name_plural
            self.message_user(
                request,
                f"Hid {count} {names}: {reason}",
                messages.SUCCESS,
            )
            return None
        return confirmation_page(
            self,
            request,
            "admin/reviews/hide.html",
            title=f"Hide {self.model._meta.verbose_name_plural}",
            form=form,
            items=queryset,
        )

    @admin.action(description="Unhide", permissions=["change"])
    def unhide(self, request, queryset):
        hidden = [item for item in queryset if item.is_hidden]
        for item in hidden:
            item.unhide()
        self.message_user(
            request,
            f"Unhid {len(hidden)} {self.model._meta.verbose_name_plural}.",
            messages.SUCCESS,
        )


@admin.register(Review)
class ReviewAdmin(LabelledDateTimes, AutocompleteAdmin, ModerationActionsMixin, admin.ModelAdmin):
    list_display = ["title", "film", "author", "status", "published_at", "rating", "is_hidden"]
    list_filter = ["status", "is_hidden", "contains_spoilers", "film"]
    search_fields = ["title", "body", "slug", "author__username", "film__title"]
    list_select_related = ["film", "author"]
    autocomplete_fields = ["film", "author"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["film", "author", "title", "slug", "body"]}),
        ("About the review", {"fields": ["rating", "contains_spoilers", "how_i_saw_it"]}),
        ("Publication", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
        ("Moderation", {"fields": ["is_hidden", "hidden_reason"]}),
    ]


@admin.register(Comment)
class CommentAdmin(LabelledDateTimes, AutocompleteAdmin, ModerationActionsMixin, admin.ModelAdmin):
    list_display = ["short_body", "review", "author", "created_at", "is_hidden", "is_deleted"]
    list_filter = ["is_hidden", "is_deleted", "review__film"]
    search_fields = ["body", "author__username", "review__title", "review__slug"]
    list_select_related = ["review", "author"]
    raw_id_fields = ["review", "parent"]
    autocomplete_fields = ["author"]
    date_hierarchy = "created_at"
    fields = [
        "review",
        "parent",
        "author",
        "body",
        "created_at",
        "edited_at",
        "is_deleted",
        "is_hidden",
        "hidden_reason",
    ]

    @admin.display(description="comment")
    def short_body(self, obj):
        return Truncator(obj.body).chars(80) if not obj.is_deleted else "(deleted)"
