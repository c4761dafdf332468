from django.apps import AppConfig


class FilmclubConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filmclub"
    verbose_name = "Film club"

    def ready(self):
        from django.contrib.auth import get_user_model

        from core.pagecache import invalidates

        # A member's name and avatar show wherever they wrote (`user:5`; `users` where many
        # members are named); signing in stamps last_login, which no page shows.
        invalidates(get_user_model(), unshown=[{"last_login"}], family="users")
