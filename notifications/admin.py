from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.sending import enqueue_sends


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Failed mail shows here (filter "mail: Failed"), with the last SMTP error; "send again"
    puts it back in the queue."""

    list_display = ["created_at", "recipient", "kind", "subject", "mail_state", "mail_attempts"]
    list_filter = ["mail_state", "kind"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username", "recipient__email", "key"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "recipient",
        "kind",
        "target_type",
        "target_id",
        "subject",
        "text",
        "url",
        "attachment",
        "created_at",
        "read_at",
        "key",
        "mail_state",
        "mail_attempts",
        "next_attempt_at",
        "mailed_at",
        "mail_error",
    ]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Send the mail again (failed ones)", permissions=["change"])
    def send_again(self, request, queryset):
        with transaction.atomic():
            rows = list(
                queryset.filter(mail_state=Notification.Mail.FAILED).values_list("pk", flat=True)
            )
            Notification.objects.filter(pk__in=rows).update(
                mail_state=Notification.Mail.PENDING,
                mail_attempts=0,
                next_attempt_at=timezone.now(),
            )
            transaction.on_commit(lambda: enqueue_sends(rows))
        plural = "s" if len(rows) != 1 else ""
        self.message_user(request, f"{len(rows)} mail{plural} queued again.", messages.SUCCESS)
