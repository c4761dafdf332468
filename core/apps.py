from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared ground"

    def ready(self):
        from core import lookups  # noqa: F401 (registers `__any_of`)
