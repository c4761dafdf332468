"""Send the reminders that are due: the day before each screening, at its venue's reminder hour.

Safe to run as often as you like (cron every 15 minutes, or the worker's periodic run): nobody
is reminded twice of the same screening day.
"""

from django.core.management.base import BaseCommand

from screenings.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Remind members going to tomorrow's screenings (idempotent: run it every 15 minutes)."

    def handle(self, *args, **options):
        reminded = send_due_reminders()
        self.stdout.write(f"{reminded} member{'s' if reminded != 1 else ''} reminded.")
