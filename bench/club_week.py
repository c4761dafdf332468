"""The club's week at scale, in-process on PostgreSQL: `bin/bench club` (bin/bench runs it after
the pages). Writes its section of bench/RESULTS.md (between the club-week markers).

On a database of its own (made afresh each run), with MEMBERS members going to each screening
(verified addresses, so every one of them is mailed):
- staff cancel a screening from the admin's changelist: the request's time and CPU (Django's
  test client through the whole middleware stack, no network), which must stay under 200 ms
  because the mails go to the worker; then the worker's run that mails everyone;
- the reminder run the day before: `send_due_reminders()` (one Reminder row each, the mail
  queued), then the worker's run that mails everyone;
- the season's count: 5,000 ballots by instant runoff and by STV (bench/count_ballots.py).
Mail goes to Django's in-memory backend: the figures are the site's own work, not an SMTP
server's. Each timed part runs REPEAT times on a fresh screening; the best and the median are
reported.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEMBERS = 5_000
REPEAT = 3
LIMIT_MS = 200
START, END = "<!-- club-week -->", "<!-- /club-week -->"


def configure(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="filmclub.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-club-week",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)


def recreate_database(database_url):
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def timed(function):
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


class Club:
    """The data: a venue, a film, staff, MEMBERS members with verified addresses."""

    def __init__(self, members):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        from films.models import Film
        from screenings.models import Venue

        User = get_user_model()
        self.venue = Venue.objects.create(
            name="Fort Greene Park",
            slug="fort-greene-park",
            neighbourhood="Fort Greene",
            city="Brooklyn, New York",
            latitude="40.69137",
            longitude="-73.97545",
            time_zone="America/New_York",
        )
        self.film = Film.objects.create(
            title="Comrades: Almost a Love Story", slug="comrades", year=1996, runtime_minutes=116
        )
        self.staff = User.objects.create_superuser("staff", "staff@example.org", "x" * 12)
        users = User.objects.bulk_create(
            User(username=f"member{n}", email=f"member{n}@example.org", password="!")
            for n in range(members)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
        self.members = users
        self.dates = (datetime.date.today() + datetime.timedelta(days=30 + n) for n in range(99))

    def screening(self, date=None, start_time=datetime.time(20, 0)):
        """A screening with every member going."""
        from screenings.attendance import RSVP
        from screenings.models import ProgrammeItem, Screening

        screening = Screening.objects.create(
            venue=self.venue,
            date=date or next(self.dates),
            start_time=start_time,
            capacity=len(self.members) + 100,
        )
        ProgrammeItem.objects.create(screening=screening, film=self.film, order=1)
        RSVP.objects.bulk_create(RSVP(screening=screening, user=user) for user in self.members)
        return screening


def drain():
    """The worker's run: every due task, every due mail (manage.py drain_tasks)."""
    from django.core import mail
    from django.core.management import call_command

    mail.outbox = []
    call_command("drain_tasks", verbosity=0)
    return len(mail.outbox)


def cancel_request(club, screening):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(club.staff)
    url = reverse("admin:screenings_screening_changelist")
    data = {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [screening.pk], "reason": "Storms."}
    wall, cpu, response = timed(lambda: client.post(url, data, secure=True))
    assert response.status_code == 302, response.status_code
    return wall, cpu


def cancellations(club, repeat):
    # A first request pays for imports and URL patterns, once per process: not timed.
    cancel_request(club, club.screening())
    drain()
    rows = []
    for _ in range(repeat):
        screening = club.screening()
        wall, cpu = cancel_request(club, screening)
        drain_wall, drain_cpu, mailed = timed(drain)
        rows.append((wall, cpu, drain_wall, drain_cpu, mailed))
    return rows


def reminder_runs(club, repeat):
    from screenings.reminders import send_due_reminders

    rows = []
    for _ in range(repeat):
        screening = club.screening()
        # The run as the worker makes it an hour before the start: the reminder is due.
        now = screening.starts_at - datetime.timedelta(hours=1)
        wall, cpu, reminded = timed(lambda now=now: send_due_reminders(now=now))
        drain_wall, drain_cpu, mailed = timed(drain)
        rows.append((wall, cpu, drain_wall, drain_cpu, reminded, mailed))
        screening.delete()
    return rows


def ballot_counts():
    from bench.count_ballots import FILMS, ballots, best_time
    from seasons.counting import count

    drawn = ballots()
    return {
        seats: best_time(lambda seats=seats: count(drawn, range(FILMS), seats=seats))[0]
        for seats in (1, 3)
    }


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms"


def row(label, rows, wall, cpu, mails):
    """A table row: the median and best of column `wall`, the median of column `cpu`."""
    walls = [r[wall] for r in rows]
    cpus = [r[cpu] for r in rows]
    median, best = ms(statistics.median(walls)), ms(min(walls))
    return f"| {label} | {median} | {best} | {ms(statistics.median(cpus))} | {mails} |"


def section(members, cancel_rows, reminder_rows, counts):
    median_cancel = statistics.median(r[0] for r in cancel_rows)
    met = "MET." if median_cancel * 1000 < LIMIT_MS else "**NOT MET**."
    lines = [
        START,
        "## The club's week at scale",
        "",
        f"`bin/bench club` on PostgreSQL, {members:,} members going to each screening, "
        f"each part run {len(cancel_rows)} times on a fresh screening (median, best; the CPU "
        "is the benchmark process's own, Django and the driver, not PostgreSQL's).",
        "",
        "| what | median | best | CPU (median) | mails |",
        "|---|---|---|---|---|",
        row("staff cancel a screening (the admin request)", cancel_rows, 0, 1, "0 in the request"),
        row("the worker mails the cancellation", cancel_rows, 2, 3, f"{cancel_rows[0][4]:,}"),
        row(
            "the reminder run (a row each, the mail queued)",
            reminder_rows,
            0,
            1,
            f"{reminder_rows[0][4]:,} reminded",
        ),
        row("the worker mails the reminders", reminder_rows, 2, 3, f"{reminder_rows[0][5]:,}"),
        f"| counting 5,000 ballots, instant runoff (1 place) | | {ms(counts[1])} | | |",
        f"| counting 5,000 ballots, STV (3 places) | | {ms(counts[3])} | | |",
        "",
        f"Target: the cancel request under {LIMIT_MS} ms: median {ms(median_cancel)}, {met}",
        END,
    ]
    return "\n".join(lines)


def write(output, text):
    path = Path(output)
    old = path.read_text() if path.exists() else "# Benchmark results\n"
    if START in old and END in old:
        before, rest = old.split(START, 1)
        after = rest.split(END, 1)[1]
        new = before + text + after
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://root@127.0.0.1:5432/filmclub_bench_week"
    )
    parser.add_argument("--members", type=int, default=MEMBERS)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()

    configure(args.database_url)
    # Served from memory, not from collectstatic's folder: no page here renders a static file.
    warnings.filterwarnings("ignore", message="No directory at")
    recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    print("club week: migrating a fresh database…", flush=True)
    call_command("migrate", verbosity=0)
    club = Club(args.members)
    print(f"club week: {args.members:,} members; cancelling…", flush=True)
    cancel_rows = cancellations(club, args.repeat)
    print("club week: reminders…", flush=True)
    reminder_rows = reminder_runs(club, args.repeat)
    print("club week: counting ballots…", flush=True)
    counts = ballot_counts()
    text = section(args.members, cancel_rows, reminder_rows, counts)
    write(args.output, text)
    print(text)


if __name__ == "__main__":
    main()
