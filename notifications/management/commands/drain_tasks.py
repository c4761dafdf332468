"""Run the background work that is due, then exit (cron, tests, a deploy's last step).

Makes tasks a killed worker left running past the lease ready again, runs every ready task
(django-tasks-db's `db_worker --batch`), then sends every notification whose mail is due: retries
that came due and rows a dead sender left claimed. Nothing is sent twice: each row's mail is
claimed before it is sent (notifications/sending.py).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from notifications.sending import recover_stale_tasks, send_due


class Command(BaseCommand):
    help = "Run every due background task and send every due mail, then exit."

    def handle(self, *args, verbosity=1, **options):
        recovered = recover_stale_tasks()
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, verbosity=verbosity
        )
        sent = send_due()
        if verbosity:
            self.stdout.write(
                f"Recovered {recovered} stalled task(s); sent {sent} due mail(s) after the tasks."
            )
