from django.apps import AppConfig


class FilmclubConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filmclub"
    verbose_name = "Film club"

    def ready(self):
        from filmclub import checks  # noqa: F401  (registers the system checks)
        from filmclub.pagecache import connect_invalidation

        connect_invalidation()
