"""A Letterboxd export built in memory, in Letterboxd's layout (members/letterboxd/reader.py):
the tests make their own, so they need no file of anyone's."""

import csv
import io
import zipfile

DIARY = ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"]
REVIEWS = [
    "Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags",
    "Watched Date",
]  # fmt: skip
RATINGS = ["Date", "Name", "Year", "Letterboxd URI", "Rating"]
BASE = ["Date", "Name", "Year", "Letterboxd URI"]


def csv_text(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as Letterboxd writes them
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def make_zip(files):
    """`files`: name -> text (or bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def export_files(**overrides):
    """A member's export: the seed film under its Letterboxd title twice (seen, then a rewatch
    with a review, both tagged), a film the catalogue lacks, a rating, a like and a watchlist
    entry."""
    comrades = ["Comrades: Almost a Love Story", "1996", "https://boxd.it/1q2w"]
    missing = ["A Film Nobody Catalogued", "1987", "https://boxd.it/9z9z"]
    irma = ["Irma Vep", "1996", "https://boxd.it/2a2a"]
    files = {
        "profile.csv": csv_text(["Date Joined", "Username"], [["2020-01-01", "someone"]]),
        "watched.csv": csv_text(BASE, [["2021-03-01", *comrades], ["2021-05-01", *irma]]),
        "diary.csv": csv_text(
            DIARY,
            [
                ["2021-03-01", *comrades, "4", "", "", "2021-02-27"],
                ["2023-06-30", *comrades, "4.5", "Yes", "outdoor, Fort Greene", "2023-06-30"],
                ["2022-01-02", *missing, "3", "", "", "2022-01-01"],
            ],
        ),
        "reviews.csv": csv_text(
            REVIEWS,
            [
                [
                    "2023-06-30",
                    *comrades,
                    "4.5",
                    "Yes",
                    "Saw it in the <b>park</b>.<br />Loved it &amp; cried."
                    "<script>alert(1)</script>",
                    "outdoor, Fort Greene",
                    "2023-06-30",
                ]
            ],
        ),
        "ratings.csv": csv_text(
            RATINGS, [["2023-06-30", *comrades, "4.5"], ["2021-05-01", *irma, "3.5"]]
        ),
        "likes/films.csv": csv_text(BASE, [["2023-06-30", *comrades]]),
        "watchlist.csv": csv_text(
            BASE, [["2024-01-01", "Fallen Angels", "1995", "https://boxd.it/3"]]
        ),
    }
    files.update(overrides)
    return files


def letterboxd_export(**overrides):
    return make_zip(export_files(**overrides))
