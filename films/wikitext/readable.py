"""An article's readable text (the club's copy of the encyclopedia, which its seeds came from)
read into the same `Article` the wikitext gives (films.wikitext.parse).

The readable form: a `= Title =` first heading; the infobox as `- Key: Value` lines before the
first `== Section ==`; the lead's prose; sections; the cast as `- Name as Character` lines; tables
as `| a | b |` lines, where a row that does not start with an award and its year
(`| Best Director | Peter Chan | |`) continues the award above it, as a cell spanning rows does in
wikitext.

Each part is handed to the wikitext path's readers: the infobox lines as an {{Infobox film}}, the
prose and the cast lines as wikicode, the accolades table as rows of cells. The infobox has no
release date or box office line: they are read from the release section's prose ("was released
in Hong Kong on 2 November 1996", "grossed a total of HK$15,557,580"). What the form does not
carry is not in the facts: links (so the article a name links to, and the edition an award's
link names), the native title, the cast's other spellings and notes, the accolades' results.
"""

import re

import mwparserfromhell
from mwparserfromhell.nodes import Template

from films.wikitext.accolades import header_columns, read_rows
from films.wikitext.facts import Article, plain
from films.wikitext.parse import (
    AMOUNT,
    COMPANY_FIELDS,
    CREW_FIELDS,
    KNOWN_FIELDS,
    REFERENCES,
    YEAR,
    add_release,
    cap_unparsed,
    note_sections_not_read,
    parse,
    read_box_office,
    read_cast,
    read_date,
    read_infobox,
    read_lead,
    read_release,
    refuse_heavy_markup,
)

TITLE_HEADING = re.compile(r"=\s*([^=].*?)\s*=")
MAX_TITLE = 300
# An infobox has tens of fields: lines past this many are not read.
MAX_INFOBOX_LINES = 100
INFOBOX_LINE = re.compile(r"-\s*([^:]{1,60}?)\s*:\s*(.*)")
SECTION_HEADING = re.compile(r"==.*==")
LIST_ITEM = re.compile(r"\n-")  # a `- ` line is read as wikitext's `* ` list item
TABLE_LINE = re.compile(r"\|.*\|")
# The readable infobox's labels, as the wikitext infobox names its fields.
LABELS = {
    "directed by": "director",
    "produced by": "producer",
    "written by": "writer",
    "screenplay by": "screenplay",
    "story by": "story",
    "music by": "music",
    "edited by": "editing",
    "production company": "production_company",
    "production companies": "production_companies",
    "distributed by": "distributor",
    "release date": "released",
    "release dates": "released",
    "running time": "runtime",
    "countries": "country",
    "languages": "language",
    "box office": "gross",
    "native name": "native_name",
}
FILM_FIELDS = CREW_FIELDS.keys() | COMPANY_FIELDS.keys() | {"starring", "released", "runtime"}
RELEASED = re.compile(r"\breleased (?:theatrically )?in ([A-Z][^.,;]{0,60}?),? on ")
GROSSED = re.compile(r"\bgrossed\b")


def read_article(text):
    """The `Article` of `text`, in either form: readable text or wikitext."""
    return parse_readable(text) if is_readable(text) else parse(text)


def is_readable(text):
    """A `= Title =` first line and, before the first section, an infobox line a film has."""
    lines = text.strip().split("\n")
    if not title(lines[0]):
        return False
    return any(field_name(key) in FILM_FIELDS for key, _ in infobox_lines(lead_lines(lines)))


def parse_readable(text):
    """The `Article` the readable text holds (see the module's doc)."""
    text = REFERENCES.sub("", text)
    refuse_heavy_markup(LIST_ITEM.sub("\n*", text))
    lines = text.strip().split("\n")
    article = Article(title=title(lines[0]))
    read_infobox(article, infobox(infobox_lines(lead_lines(lines))))
    code = mwparserfromhell.parse(prose(lines, article.title))
    read_lead(article, code)
    read_cast(article, code)
    read_release_prose(article, release_text(code))
    read_release(article, code)
    read_table(article, tables(lines))
    note_sections_not_read(article, code)
    cap_unparsed(article)
    return article


def title(line):
    """The title a `= Title =` line gives, or ""."""
    heading = TITLE_HEADING.fullmatch(line.strip()) if len(line) <= MAX_TITLE else None
    return heading.group(1) if heading else ""


def lead_lines(lines):
    """The lines between the title and the first section."""
    lead = []
    for line in lines[1:]:
        if SECTION_HEADING.fullmatch(line.strip()):
            break
        lead.append(line.strip())
    return lead


def infobox_lines(lines):
    """(label, value) of each `- Label: Value` line."""
    found = (INFOBOX_LINE.fullmatch(line) for line in lines)
    return [(found.group(1), found.group(2)) for found in found if found][:MAX_INFOBOX_LINES]


def field_name(label):
    """The wikitext infobox's name for a readable label ("Running time" → "runtime")."""
    key = re.sub(r"\s+", " ", label.strip().lower())
    return LABELS.get(key, key.replace(" ", "_"))


def infobox(pairs):
    """The infobox lines as the {{Infobox film}} the wikitext path reads (pipes escaped); a label
    it has no field for keeps its own name, for the preview's list of what was not read."""
    template = Template(mwparserfromhell.parse("Infobox film"))
    for label, text in pairs:
        name = field_name(label) if field_name(label) in KNOWN_FIELDS else label.strip()
        if not template.has(name):
            template.add(name, text)
    return template


def prose(lines, film_title):
    """Everything but the title, the infobox and the tables, as wikicode: the cast's `- ` lines
    made list items (`* `), as the wikitext's cast list is written."""
    lead = lead_lines(lines)
    kept = [line for line in lead if line != film_title and not INFOBOX_LINE.fullmatch(line)]
    kept += [line.rstrip() for line in lines[1 + len(lead) :]]
    kept = [line for line in kept if not TABLE_LINE.fullmatch(line.strip())]
    return "\n".join(re.sub(r"^-\s+", "* ", line) for line in kept)


def release_text(code):
    """The release section's prose, as text."""
    sections = code.get_sections(levels=[2], matches=r"^\s*release\s*$", include_headings=False)
    return " ".join(plain(section) for section in sections)


def read_release_prose(article, text):
    """The first release and the box office, when the infobox gave neither."""
    released = RELEASED.search(text)
    date = read_date(text[released.end() : released.end() + 30]) if released else None
    if not article.releases and date:
        add_release(article, str(date.year), str(date.month), str(date.day), released.group(1))
    grossed = GROSSED.search(text)
    amount = AMOUNT.search(text, grossed.end(), grossed.end() + 40) if grossed else None
    if article.box_office_amount is None and amount:
        read_box_office(article, amount.group())


def tables(lines):
    """Each run of `| a | b |` lines, as rows of cells (wikicode)."""
    found, rows = [], []
    for line in [*lines, ""]:
        if TABLE_LINE.fullmatch(line.strip()):
            cells = line.strip()[1:-1].split("|")
            rows.append([mwparserfromhell.parse(cell.strip()) for cell in cells])
        elif rows:
            found.append(rows)
            rows = []
    return found


def read_table(article, found):
    """The first table with an award and a category column: the accolades."""
    for rows in found:
        columns = header_columns(rows[0])
        if {"body", "category"} <= columns.keys():
            columns.setdefault("recipient", columns["category"] + 1)
            read_rows(article, continued(rows[1:], columns), columns)
            return


def continued(rows, columns):
    """The rows, each continuation row led by the award (and year) of the row above it."""
    full, leading = [], []
    for row in rows:
        if starts_award(row, columns):
            leading = row[: columns["category"]]
            full.append(row)
        else:
            full.append([*leading, *row])
    return full


def starts_award(row, columns):
    """Whether the row names its award: its year cell holds a year (with no year column, every
    row is read as it stands)."""
    year = columns.get("year")
    return year is None or (year < len(row) and bool(YEAR.search(plain(row[year]))))
