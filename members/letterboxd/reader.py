"""A Letterboxd export zip, read into rows, or refused with a message naming the file and line.

Letterboxd's export (Settings → Import & Export → Export your data) is a zip of CSV files, UTF-8,
one header line, dates as YYYY-MM-DD and ratings from 0.5 to 5 in halves:

    diary.csv       Date, Name, Year, Letterboxd URI, Rating, Rewatch, Tags, Watched Date
    reviews.csv     Date, Name, Year, Letterboxd URI, Rating, Rewatch, Review, Tags, Watched Date
    ratings.csv     Date, Name, Year, Letterboxd URI, Rating
    watchlist.csv   Date, Name, Year, Letterboxd URI
    likes/films.csv Date, Name, Year, Letterboxd URI
    watched.csv     Date, Name, Year, Letterboxd URI

(and profile.csv, comments.csv, lists/, which this import does not need.) `Date`
is the day the entry was made, `Watched Date` the day the film was seen, `Rewatch` "Yes" or empty.

Nothing is unpacked before the zip's directory has been checked: how many files, each one's
declared size, their total and how much each is compressed (a zip bomb declares sizes it cannot
keep, or a ratio no CSV has). Reading a file is then bounded by its declared size too.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date

from reviews.tags import TAGS_MAX_LENGTH, normal_tags

# The uploaded file itself (deploy/nginx.conf's client_max_body_size is 12m: keep them together).
# A member with thousands of logged films exports a zip of a few hundred kilobytes.
MAX_UPLOAD_BYTES = 12 * 1024 * 1024
# One CSV, unpacked, and every file of the zip together (as their headers declare).
MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 60 * 1024 * 1024
# Files in the zip (an export has a dozen, and one per list), and rows of all CSVs together.
MAX_FILES = 2000
MAX_ROWS = 50_000
# Text compresses about ten times; a hundred is a file made of one repeated byte.
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 64 * 1024  # tiny files may compress oddly: their size is harmless anyway
MAX_TITLE = 300
EARLIEST_YEAR, LATEST_YEAR = 1870, 2200

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
STARS = re.compile(r"\d(\.\d{1,2})?\Z")

BASE = ["Date", "Name", "Year", "Letterboxd URI"]
# file in the zip -> (the kind of row it gives, the columns it must have), in the order the rows
# are applied: a review completes its diary entry, a rating or a like falls on a logged film.
FILES = {
    "diary.csv": ("diary", [*BASE, "Rating", "Rewatch", "Watched Date"]),
    "reviews.csv": ("review", [*BASE, "Rating", "Rewatch", "Review", "Watched Date"]),
    "ratings.csv": ("rating", [*BASE, "Rating"]),
    "likes/films.csv": ("like", BASE),
    "watched.csv": ("watched", BASE),
    "watchlist.csv": ("watchlist", BASE),
}


def size(count):
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count:,} bytes"


class Refused(Exception):
    """The upload is not imported; the message says why, naming the file and line."""


@dataclass(frozen=True)
class Entry:
    """One zip member the import reads."""

    name: str  # as FILES names it
    info: zipfile.ZipInfo


def read_export(upload):
    """The rows of the export `upload` (a file object), in FILES' order, each a dict:
    {file, line, kind, name, year, uri, date, watched_on, rating, rewatch, review, tags}.
    Raises Refused."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise Refused(f"That file is over {size(MAX_UPLOAD_BYTES)}: is it an export?")
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused(
            "That file is not a zip file. Upload the .zip Letterboxd sends you, unopened."
        ) from None
    with archive:
        entries = checked_entries(archive)
        rows = []
        for entry in entries:
            rows.extend(read_csv(archive, entry))
            if len(rows) > MAX_ROWS:
                raise Refused(f"The export has over {MAX_ROWS:,} rows: the club imports fewer.")
    return rows


def checked_entries(archive):
    """The zip members the import reads, once the whole directory has passed the checks."""
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise Refused(f"The zip holds over {MAX_FILES:,} files: it is not a Letterboxd export.")
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise Refused(
            f"The zip unpacks to over {size(MAX_TOTAL_BYTES)}: it is not a Letterboxd "
            "export, or too large to import."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_RATIO:
            raise Refused(f"{info.filename} is compressed {ratio:,.0f} times: refused unopened.")
        if info.flag_bits & 0x1:
            raise Refused(f"{info.filename} is encrypted: upload the export as Letterboxd sent it.")
    found = []
    for name in FILES:
        info = member_named(infos, name)
        if info is None:
            continue
        if info.file_size > MAX_CSV_BYTES:
            raise Refused(f"{name} is over {size(MAX_CSV_BYTES)} unpacked: too large.")
        found.append(Entry(name, info))
    if not found:
        raise Refused(
            "That zip is not a Letterboxd export: it has none of diary.csv, reviews.csv, "
            "ratings.csv, watchlist.csv or likes/films.csv."
        )
    return found


def member_named(infos, name):
    """The zip member `name`, at the top or inside one folder (an export unzipped and zipped
    again keeps its folder)."""
    for info in infos:
        path = info.filename
        if path == name or (path.endswith("/" + name) and path.count("/") == name.count("/") + 1):
            return info
    return None


def read_csv(archive, entry):
    kind, columns = FILES[entry.name]
    try:
        with archive.open(entry.info) as file:
            data = file.read(MAX_CSV_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, RuntimeError, EOFError) as error:
        raise Refused(f"{entry.name} could not be unpacked ({error}).") from None
    if len(data) > MAX_CSV_BYTES:
        raise Refused(f"{entry.name} is over {size(MAX_CSV_BYTES)} unpacked: too large.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(f"{entry.name} is not UTF-8 text: is it a Letterboxd export?") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        missing = [column for column in columns if column not in header]
        if missing:
            raise Refused(
                f"{entry.name} is not as Letterboxd writes it: its first line lacks the "
                f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)}."
            )
        return [parse_row(entry.name, kind, reader.line_num, record) for record in reader]
    except csv.Error as error:
        where = f"{entry.name}, line {reader.line_num}"
        raise Refused(f"{where}: not readable CSV ({error}).") from None


def parse_row(file, kind, line, record):
    where = f"{file}, line {line}"
    name = (record.get("Name") or "").strip()
    if not name:
        raise Refused(f"{where}: the film's name is missing.")
    if len(name) > MAX_TITLE:
        raise Refused(f"{where}: the film's name is over {MAX_TITLE} characters.")
    return {
        "file": file,
        "line": line,
        "kind": kind,
        "name": name,
        "year": parse_year(where, record.get("Year")),
        "uri": (record.get("Letterboxd URI") or "").strip()[:500],
        "date": parse_date(where, "date", record.get("Date")),
        "watched_on": parse_date(where, "watched date", record.get("Watched Date")),
        "rating": parse_rating(where, record.get("Rating")),
        "rewatch": parse_rewatch(where, record.get("Rewatch")),
        "review": record.get("Review") or "",
        "tags": parse_tags(where, record.get("Tags")),
    }


def parse_tags(where, text):
    """Letterboxd's tags ("outdoor, 35mm") as the club keeps a log's (reviews.tags)."""
    tags = normal_tags(text)
    if len(tags) > TAGS_MAX_LENGTH:
        raise Refused(f"{where}: the tags are over {TAGS_MAX_LENGTH} characters together.")
    return tags


def parse_year(where, text):
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
        raise Refused(f"{where}: the year {text[:20]!r} is not a year.")
    return int(text)


def parse_date(where, label, text):
    """An ISO date as text (the rows are kept as JSON), or None for an empty cell."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if not ISO_DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise Refused(f"{where}: the {label} {text[:30]!r} is not a date (YYYY-MM-DD).") from None


def parse_rating(where, text):
    """Letterboxd's stars (0.5 to 5 in halves) as the club's half stars (1 to 10)."""
    text = (text or "").strip()
    if not text:
        return None
    halves = float(text) * 2 if STARS.match(text) else None
    if halves is None or halves != int(halves) or not 1 <= halves <= 10:
        raise Refused(f"{where}: the rating {text[:20]!r} is not from 0.5 to 5 in halves.")
    return int(halves)


def parse_rewatch(where, text):
    text = (text or "").strip()
    if text.lower() not in ("", "yes", "no"):
        raise Refused(f"{where}: Rewatch is {text[:20]!r}, not Yes or empty.")
    return text.lower() == "yes"
