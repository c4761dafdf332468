from django.apps import AppConfig


class FilmclubConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filmclub"
    verbose_name = "Film club"

    def ready(self):
        from django.db.models.signals import post_migrate

        from filmclub import checks  # noqa: F401  (registers the system checks)
        from filmclub.pagecache import connect_invalidation
        from filmclub.sites import name_the_site

        connect_invalidation()
        post_migrate.connect(name_the_site, sender=self, dispatch_uid="filmclub-name-the-site")
