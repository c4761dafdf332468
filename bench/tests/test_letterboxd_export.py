"""bench/letterboxd_import.py's export: a made-up Letterboxd export the import takes whole (the
import refuses an upload with a film watched before it came out, naming the file and line)."""

import csv
import datetime
import io
import random

from bench.letterboxd_import import export_files


def test_no_film_of_the_export_is_watched_before_its_year_or_after_today():
    films = [("Fallen Angels", 1995), ("A Film of This Year", datetime.date.today().year)]

    files = export_files(films, rows=200, rnd=random.Random(7))

    for name in ("diary.csv", "reviews.csv"):
        rows = list(csv.DictReader(io.StringIO(files[name])))
        assert rows
        for row in rows:
            seen = datetime.date.fromisoformat(row["Watched Date"])
            assert int(row["Year"]) <= seen.year
            assert seen <= datetime.date.today()
