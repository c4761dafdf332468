from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        # The Letterboxd import's admin lives beside its code (members/letterboxd/).
        from members.letterboxd import admin  # noqa: F401
