from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from notifications import receivers

        post_save.connect(
            receivers.new_member_has_nothing_unread,
            sender=get_user_model(),
            dispatch_uid="notifications-new-member",
        )
