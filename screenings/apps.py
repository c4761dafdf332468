from django.apps import AppConfig


class ScreeningsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screenings"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.pagecache import invalidates
        from films.models import Film
        from screenings.attendance import RSVP, Reminder, WaitlistEntry
        from screenings.models import ProgrammeItem, Screening
        from screenings.runtime import keep_programme_minutes

        # Each screening's programme_minutes follows its programme and its films' runtimes.
        def programme_written(instance, origin=None, **kwargs):
            # (Not when the screening itself is being deleted: its items go with it.)
            if not (isinstance(origin, Screening) or getattr(origin, "model", None) is Screening):
                keep_programme_minutes(Screening.objects.filter(pk=instance.screening_id))

        def film_saved(instance, created, **kwargs):
            if not created and instance.changed_since_read():
                keep_programme_minutes(Screening.objects.filter(items__film=instance))

        for signal in (post_save, post_delete):
            signal.connect(programme_written, sender=ProgrammeItem, weak=False)
        post_save.connect(film_saved, sender=Film, weak=False)

        # The programme (`screenings`): every list of screenings, the calendar, the home page.
        for model in self.get_models():
            if model not in (RSVP, WaitlistEntry, Reminder):
                invalidates(model, lambda row: ["screenings"])
        # Who is going (or waiting) shows only where that screening does (its page, its row in a
        # list); the reminders sent show nowhere.
        for model in (RSVP, WaitlistEntry):
            invalidates(model, lambda row: [f"screening:{row.screening_id}"])
