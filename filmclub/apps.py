from django.apps import AppConfig


class FilmclubConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filmclub"
    verbose_name = "Film club"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_migrate

        from core.pagecache import invalidates
        from filmclub import checks  # noqa: F401  (registers the system checks)
        from filmclub.sites import name_the_site

        post_migrate.connect(name_the_site, sender=self, dispatch_uid="filmclub-name-the-site")
        # A member's name and avatar show wherever they wrote (`user:5`; `users` where many
        # members are named); signing in stamps last_login, which no page shows.
        invalidates(get_user_model(), unshown=[{"last_login"}], family="users")
