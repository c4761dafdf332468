from django.apps import AppConfig


class ScreeningsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screenings"

    def ready(self):
        from core.pagecache import invalidates
        from screenings.models import RSVP

        # The programme (`screenings`): every list of screenings, the calendar, the home page.
        for model in self.get_models():
            if model is not RSVP:
                invalidates(model, lambda row: ["screenings"])
        # Who is going shows only where that screening does (its page, its row in a list).
        invalidates(RSVP, lambda rsvp: [f"screening:{rsvp.screening_id}"])
