from django.apps import AppConfig


class ScreeningsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screenings"

    def ready(self):
        from core.pagecache import invalidates
        from screenings.attendance import RSVP, Reminder, WaitlistEntry

        # The programme (`screenings`): every list of screenings, the calendar, the home page.
        for model in self.get_models():
            if model not in (RSVP, WaitlistEntry, Reminder):
                invalidates(model, lambda row: ["screenings"])
        # Who is going (or waiting) shows only where that screening does (its page, its row in a
        # list); the reminders sent show nowhere.
        for model in (RSVP, WaitlistEntry):
            invalidates(model, lambda row: [f"screening:{row.screening_id}"])
