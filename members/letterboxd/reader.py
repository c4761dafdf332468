"""A Letterboxd export zip, read into rows, or refused with a message naming the file and line.

Letterboxd's export (Settings → Import & Export → Export your data) is a zip of CSV files, UTF-8,
one header line, dates as YYYY-MM-DD and ratings from 0.5 to 5 in halves:

    diary.csv       Date, Name, Year, Letterboxd URI, Rating, Rewatch, Tags, Watched Date
    reviews.csv     Date, Name, Year, Letterboxd URI, Rating, Rewatch, Review, Tags, Watched Date
    ratings.csv     Date, Name, Year, Letterboxd URI, Rating
    watchlist.csv   Date, Name, Year, Letterboxd URI
    likes/films.csv Date, Name, Year, Letterboxd URI
    watched.csv     Date, Name, Year, Letterboxd URI

`Date` is the day the entry was made, `Watched Date` the day the film was seen, `Rewatch` "Yes"
or empty. Each list is a file of its own, lists/<its slug>.csv, in two parts: a line saying what it
is, the list's own header and line, a blank line, then its films:

    Letterboxd list export v7
    Date, Name, Tags, URL, Description          (the list: its name and description)
                                                (blank)
    Position, Name, Year, URL, Description      (a film; Position empty on an unranked list,
                                                 Description the film's note)

profile.csv and comments.csv are not read: a profile is the club's own, and a comment belongs
to another member's review, which the export names only by its address on Letterboxd.

Every problem of the files is reported, each naming its file and line (the first MAX_PROBLEMS,
then how many more); a file that cannot be read at all is one problem.

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

from films.came_out import not_out_yet
from films.validators import strip_control_characters
from members.models import LIST_NOTE_MAX_LENGTH, MemberList
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
MAX_LIST_TITLE = MemberList._meta.get_field("title").max_length
MAX_LIST_DESCRIPTION = MemberList._meta.get_field("description").max_length
# The problems an upload's message lists; the rest are counted.
MAX_PROBLEMS = 20
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
# A list's file (lists/<slug>.csv): its first line, the columns of its own header and of its
# films' header. Its rows, applied after all the others: the list, then its films.
LISTS_FOLDER = "lists/"
LIST_MARK = "Letterboxd list export"
LIST_COLUMNS = ["Name"]
LIST_FILM_COLUMNS = ["Position", "Name", "Year"]
LIST, LIST_FILM = "list", "list film"


def size(count):
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count:,} bytes"


class Refused(Exception):
    """The upload is not imported; `messages` say why, each naming the file and line."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = list(messages)

    def __str__(self):
        return " ".join(self.messages)


class Problem(ValueError):
    """One cell that is not as Letterboxd writes it: the message names the file and line."""


def parsed(problems, parse, *args):
    """`parse(*args)`, or None with its problem added to `problems`."""
    try:
        return parse(*args)
    except Problem as problem:
        problems.append(str(problem))
        return None


def reported(problems):
    """The messages of a refusal: the first MAX_PROBLEMS problems, then how many more."""
    extra = len(problems) - MAX_PROBLEMS
    if extra <= 0:
        return problems
    return [*problems[:MAX_PROBLEMS], f"…and {extra:,} more problem{'s' if extra > 1 else ''}."]


@dataclass(frozen=True)
class Entry:
    """One zip member the import reads."""

    name: str  # as FILES names it
    info: zipfile.ZipInfo


def read_export(upload):
    """The rows of the export `upload` (a file object), in FILES' order then the lists', each a
    dict: {file, line, kind, name, year, uri, date, watched_on, rating, rewatch, review, tags}
    (a list's film also has its list, position and note; a list's own row its description and
    whether it is ranked). Raises Refused, with every problem found."""
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
        rows, problems = [], []
        for entry in entries:
            try:
                rows.extend(read_csv(archive, entry, problems))
            except Refused as refusal:  # the file cannot be read: one problem, the others still
                problems.extend(refusal.messages)
            if len(rows) > MAX_ROWS:
                raise Refused(f"The export has over {MAX_ROWS:,} rows: the club imports fewer.")
    if problems:
        raise Refused(*reported(problems))
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
        if info is not None:
            found.append(Entry(name, info))
    folder = found[0].info.filename[: -len(found[0].name)] if found else None
    found += list_files(infos, folder)
    for entry in found:
        if entry.info.file_size > MAX_CSV_BYTES:
            raise Refused(f"{entry.name} is over {size(MAX_CSV_BYTES)} unpacked: too large.")
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


def list_files(infos, folder):
    """The lists' files (lists/<slug>.csv) beside the export's other files, in the folder
    `folder` ("" at the top); without other files, at the top or inside one folder."""
    found = []
    for info in infos:
        head, folder_name, name = info.filename.rpartition(LISTS_FOLDER)
        if not folder_name or not name.endswith(".csv") or "/" in name:
            continue
        if head == folder or (folder is None and head.count("/") == (1 if head else 0)):
            if head == "" or head.endswith("/"):
                found.append(Entry(LISTS_FOLDER + name, info))
    return sorted(found, key=lambda entry: entry.name)


def read_csv(archive, entry, problems):
    """The rows of one file; their problems are added to `problems`. Raises Refused for a file
    that cannot be read at all."""
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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        if entry.name.startswith(LISTS_FOLDER):
            return list_rows(entry.name, reader, problems)
        kind, columns = FILES[entry.name]
        header = checked_header(entry.name, "first line", next(reader, []), columns)
        return [
            parse_row(entry.name, kind, reader.line_num, named(header, record), problems)
            for record in reader
            if record  # a blank line, as csv.DictReader skips it
        ]
    except csv.Error as error:
        where = f"{entry.name}, line {reader.line_num}"
        raise Refused(f"{where}: not readable CSV ({error}).") from None


def named(header, record):
    """A CSV line's cells by their column's name (cells past the header's dropped, missing ones
    absent: csv.DictReader's None)."""
    return dict(zip(header, record, strict=False))


def checked_header(file, which, header, columns):
    """`header`, if it has `columns`; else raises Refused."""
    missing = [column for column in columns if column not in header]
    if missing:
        raise Refused(
            f"{file} is not as Letterboxd writes it: its {which} lacks the "
            f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)}."
        )
    return header


def list_rows(file, reader, problems):
    """A list's own row, then its films' rows (in their order, where it is ranked)."""
    first = next(reader, [])
    if not first or not first[0].startswith(LIST_MARK):
        raise Refused(f"{file} is not a list as Letterboxd writes one: it does not start with "
                      f"“{LIST_MARK}”.")  # fmt: skip
    header = checked_header(file, "second line", next(reader, []), LIST_COLUMNS)
    listing = named(header, next(reader, []))
    where = f"{file}, line {reader.line_num}"
    title = parsed(problems, parse_name, where, "list", listing.get("Name"), MAX_LIST_TITLE)
    own = {
        "file": file,
        "line": reader.line_num,
        "kind": LIST,
        "name": title,
        "date": parsed(problems, parse_date, where, "date", listing.get("Date")),
        "description": plain(listing.get("Description"), MAX_LIST_DESCRIPTION),
    }
    header = next((record for record in reader if any(record)), [])
    header = checked_header(file, "films' header", header, LIST_FILM_COLUMNS)
    films = []
    for record in reader:
        if not any(record):
            continue
        cells = named(header, record)
        note = cells.pop("Description", None)  # the film's note on the list
        cells["Letterboxd URI"] = cells.pop("URL", "")
        row = parse_row(file, LIST_FILM, reader.line_num, cells, problems)
        where = f"{file}, line {reader.line_num}"
        row["list"] = title
        row["position"] = parsed(problems, parse_position, where, cells.get("Position"))
        row["note"] = plain(note, LIST_NOTE_MAX_LENGTH)
        films.append(row)
    own["ranked"] = bool(films) and all(row["position"] for row in films)
    if own["ranked"]:
        films.sort(key=lambda row: row["position"])
    return [own, *films]


def plain(text, limit):
    """A description or note: its lines ended by line feeds, no control character, at most `limit`
    characters."""
    text = strip_control_characters((text or "").replace("\r\n", "\n"))
    return text.strip()[:limit].strip()


def parse_row(file, kind, line, record, problems):
    """One film's row; each of its cells' problems is added to `problems`."""
    where = f"{file}, line {line}"
    row = {
        "file": file,
        "line": line,
        "kind": kind,
        "name": parsed(problems, parse_name, where, "film", record.get("Name"), MAX_TITLE),
        "year": parsed(problems, parse_year, where, record.get("Year")),
        "uri": (record.get("Letterboxd URI") or "").strip()[:500],
        "date": parsed(problems, parse_date, where, "date", record.get("Date")),
        "watched_on": parsed(
            problems, parse_date, where, "watched date", record.get("Watched Date")
        ),
        "rating": parsed(problems, parse_rating, where, record.get("Rating")),
        "rewatch": parsed(problems, parse_rewatch, where, record.get("Rewatch")),
        "review": record.get("Review") or "",
        "tags": parsed(problems, parse_tags, where, record.get("Tags")),
    }
    parsed(problems, refuse_before_release, where, row)
    return row


def refuse_before_release(where, row):
    """A row whose watched date is before its film came out, by the row's year (films.came_out),
    is a problem (a row without a name has its own)."""
    if not (row["watched_on"] and row["name"]):
        return
    watched_on = date.fromisoformat(row["watched_on"])
    came_out = not_out_yet(watched_on, row["name"], row["year"])
    if came_out:
        raise Problem(f"{where}: {came_out}: the watched date {row['watched_on']} is before that.")


def parse_name(where, what, text, limit):
    name = (text or "").strip()
    if not name:
        raise Problem(f"{where}: the {what}'s name is missing.")
    if len(name) > limit:
        raise Problem(f"{where}: the {what}'s name is over {limit} characters.")
    return name


def parse_position(where, text):
    """A film's place on a ranked list; None on an unranked one."""
    return whole_number(where, text, 1, MAX_ROWS, "the position {!r} is not a place on the list.")


def parse_tags(where, text):
    """Letterboxd's tags ("outdoor, 35mm") as the club keeps a log's (reviews.tags)."""
    tags = normal_tags(text)
    if len(tags) > TAGS_MAX_LENGTH:
        raise Problem(f"{where}: the tags are over {TAGS_MAX_LENGTH} characters together.")
    return tags


def parse_year(where, text):
    return whole_number(where, text, EARLIEST_YEAR, LATEST_YEAR, "the year {!r} is not a year.")


def whole_number(where, text, low, high, problem):
    """The number from `low` to `high` in `text`, or None for an empty cell; else raises
    Problem, `problem` naming the text."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise Problem(f"{where}: {problem.format(text[:20])}")
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
        raise Problem(f"{where}: the {label} {text[:30]!r} is not a date (YYYY-MM-DD).") from None


def parse_rating(where, text):
    """Letterboxd's stars (0.5 to 5 in halves) as the club's half stars (1 to 10)."""
    text = (text or "").strip()
    if not text:
        return None
    halves = float(text) * 2 if STARS.match(text) else None
    if halves is None or halves != int(halves) or not 1 <= halves <= 10:
        raise Problem(f"{where}: the rating {text[:20]!r} is not from 0.5 to 5 in halves.")
    return int(halves)


def parse_rewatch(where, text):
    text = (text or "").strip()
    if text.lower() not in ("", "yes", "no"):
        raise Problem(f"{where}: Rewatch is {text[:20]!r}, not Yes or empty.")
    return text.lower() == "yes"
