from django.apps import AppConfig


class FilmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "films"
    verbose_name = "Film catalogue"

    def ready(self):
        from core.pagecache import invalidates
        from films import search

        search.connect()
        for model in self.get_models():
            invalidates(model, catalogue_tags)


def catalogue_tags(row):
    """What a change to the catalogue makes stale: its lists and pages (`catalogue`: staff edit
    it seldom), and a film's own page (`film:42`) for a row of one film."""
    film_id = getattr(row, "film_id", None)
    return ["catalogue"] if film_id is None else ["catalogue", f"film:{film_id}"]
