from django.apps import AppConfig


class ScreeningsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screenings"
