"""The Letterboxd import's speed on the benchmark's catalogue (issue 17), for bench/run.py:
`.venv/bin/python bench/letterboxd_import.py --database-url URL` prints one JSON line.

A member's export of `--rows` diary entries (a tenth of them also reviews), as many ratings and
half as many watchlist entries, of films drawn from the catalogue (and a twentieth of titles it
does not have), is built in Letterboxd's layout (members/tests/letterboxd_export.py, the tests'
builder). A fresh member then imports it as the site does: the preview (the zip read, every row
matched against every title of the catalogue, the job saved, the preview's groups), then the
import itself (members.letterboxd.applying.run, as the task worker runs it), then the same file
again (which must change nothing). Each part's wall time and this process's CPU time; the member
and everything imported are deleted after.
"""

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.club_week import configure  # noqa: E402 (after the path is set)

ROWS = 2_000
IMPORTER = "bench-importer"
MISSING_SHARE = 0.05


def export_files(films, rows, rnd):
    """{name in the zip: CSV text}: `rows` diary entries of `films` ((title, year) pairs), a
    tenth of them reviewed, `rows` ratings and `rows // 2` watchlist entries."""
    from members.tests.letterboxd_export import BASE, DIARY, RATINGS, REVIEWS, csv_text

    def film(number):
        if rnd.random() < MISSING_SHARE:
            return [f"A Film Nobody Catalogued {number}", str(rnd.randint(1920, 2024))]
        title, year = rnd.choice(films)
        return [title, str(year)]

    def day(number, since=2010):
        """A day from 2010 on, never before the year `since` (a film is not seen before it came
        out: the import refuses such a row) nor after today."""
        seen = datetime.date(max(2010 + number % 15, since), 1 + number % 12, 1 + number % 28)
        return min(seen, datetime.date.today()).isoformat()

    diary, reviews, ratings, watchlist = [], [], [], []
    for number in range(rows):
        title, year = film(number)
        name = [title, year, f"https://boxd.it/b{number}"]
        stars = str(rnd.randint(1, 10) / 2)
        rewatch = "Yes" if rnd.random() < 0.1 else ""
        seen = day(number, int(year))
        diary.append([seen, *name, stars, rewatch, "", seen])
        if number % 10 == 0:
            text = "Saw it in the <b>park</b>.<br />The second half is the film."
            reviews.append([seen, *name, stars, rewatch, text, "", seen])
        ratings.append([day(number), *film(rows + number), f"https://boxd.it/r{number}", stars])
    for number in range(rows // 2):
        watchlist.append([day(number), *film(2 * rows + number), f"https://boxd.it/w{number}"])
    return {
        "diary.csv": csv_text(DIARY, diary),
        "reviews.csv": csv_text(REVIEWS, reviews),
        "ratings.csv": csv_text(RATINGS, ratings),
        "watchlist.csv": csv_text(BASE, watchlist),
    }


def timed(function):
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def import_once(member, data):
    """The preview and the import of `data` by `member`: {part: (wall, cpu)}, the job."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from members.letterboxd import applying
    from members.letterboxd.matching import match_rows
    from members.letterboxd.models import ImportJob
    from members.letterboxd.reader import read_export
    from members.letterboxd.views import preview

    def previewed():
        upload = SimpleUploadedFile("letterboxd.zip", data, content_type="application/zip")
        rows = match_rows(read_export(upload))
        job = ImportJob.objects.create(
            member=member, filename=upload.name, rows=rows, total=len(rows)
        )
        return job, preview(job)

    preview_wall, preview_cpu, (job, shown) = timed(previewed)
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status"])
    import_wall, import_cpu, _ = timed(lambda: applying.run(job.pk))
    job.refresh_from_db()
    if job.status != ImportJob.Status.DONE:
        raise SystemExit(f"The import did not finish: {job.status} {job.error}")
    return {
        "preview": (preview_wall, preview_cpu),
        "import": (import_wall, import_cpu),
        "counts": job.counts,
        "states": shown["counts"],
        "rows": job.total,
    }


def measure(rows, seed=17):
    from django.contrib.auth import get_user_model

    from films.models import Film
    from reviews.models import Review

    rnd = random.Random(seed)
    films = list(Film.objects.exclude(year=None).values_list("title", "year"))
    files = export_files(films, rows, rnd)
    from members.tests.letterboxd_export import make_zip

    data = make_zip(files)
    users = get_user_model().objects
    users.filter(username=IMPORTER).delete()
    member = users.create_user(username=IMPORTER, password=None, display_name="Importer")
    try:
        first = import_once(member, data)
        logs = Review.objects.filter(author=member).count()
        again = import_once(member, data)
        logs_again = Review.objects.filter(author=member).count()
    finally:
        member.delete()
    return {
        "rows": first["rows"],
        "zip_bytes": len(data),
        "films": len(films),
        "states": first["states"],
        "first": {"preview": first["preview"], "import": first["import"]},
        "again": {"preview": again["preview"], "import": again["import"]},
        "counts": first["counts"],
        "counts_again": again["counts"],
        "logs": logs,
        "logs_again": logs_again,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/filmclub_bench")
    parser.add_argument("--rows", type=int, default=ROWS, help="Diary entries (and ratings).")
    args = parser.parse_args()
    configure(args.database_url)
    import django

    django.setup()
    print(json.dumps(measure(args.rows)))


if __name__ == "__main__":
    main()
