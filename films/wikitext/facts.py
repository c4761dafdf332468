"""What the importer reads from an article: the facts (`Article` and its parts) and the small
readers of wikicode the parse (films.wikitext.parse) and the accolades table
(films.wikitext.accolades) share."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import mwparserfromhell
from mwparserfromhell.nodes import Template, Wikilink

LIST_TEMPLATES = {"plainlist", "plain list", "ubl", "unbulleted list", "flatlist", "hlist"}
NAME_SEPARATORS = re.compile(r",|\band\b|&")
COMMAS = re.compile(",")  # companies' names hold "and" ("Film Workshop and Partners")
LIST_SEPARATORS = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)


class NotAFilmArticle(ValueError):
    """The text is not a film's article the importer can read; the message says why."""


@dataclass(frozen=True)
class Name:
    """A person as the article names them: the title of their article (a link's target, or the
    text) and, when the link shows another spelling ([[Kristy Yang|Kristy Yeung]]), that one."""

    name: str
    shown_as: str = ""


@dataclass(frozen=True)
class Crew:
    role: str
    person: Name
    order: int
    note: str = ""


@dataclass(frozen=True)
class Cast:
    person: Name
    character: str
    other_names: str
    note: str
    billing: int


@dataclass(frozen=True)
class CompanyCredit:
    role: str
    name: str


@dataclass(frozen=True)
class AccoladeRow:
    body: str
    body_other_name: str
    edition: int | None
    year: int
    category: str
    person: Name | None
    result: str
    order: int


@dataclass(frozen=True)
class Release:
    kind: str
    year: int
    date: datetime.date | None
    place: str


@dataclass
class Article:
    title: str
    original_title: str = ""
    original_title_lang: str = ""
    original_title_romanised: str = ""
    genre: str = ""
    year: int | None = None
    release_date: datetime.date | None = None
    runtime_minutes: int | None = None
    countries: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    box_office_amount: Decimal | None = None
    box_office_currency: str = ""
    box_office_note: str = ""
    filming_locations: str = ""
    plot: str = ""
    crew: list = field(default_factory=list)
    cast: list = field(default_factory=list)
    companies: list = field(default_factory=list)
    accolades: list = field(default_factory=list)
    releases: list = field(default_factory=list)
    starring: list = field(default_factory=list)
    unparsed: list = field(default_factory=list)


def value(template, name):
    """The wikicode of a field of the template, or None when absent."""
    return template.get(name).value if template.has(name) else None


def plain(code):
    """Readable text: markup and templates left out, spaces collapsed."""
    if code is None:
        return ""
    text = code.strip_code() if hasattr(code, "strip_code") else str(code)
    return re.sub(r"\s+", " ", text).strip()


def names(code, separators=None):
    """The people (or companies) a field lists: one per link, list item, line or comma."""
    if code is None:
        return []
    found = []
    for item in list_items(code):
        for node in item.nodes:
            if isinstance(node, Wikilink):
                found.append(link_name(node))
            elif not isinstance(node, Template):
                text = plain(mwparserfromhell.parse(str(node)))
                parts = (separators or NAME_SEPARATORS).split(text)
                found += [Name(part) for part in map(str.strip, parts) if part.strip("() ")]
    # A part in brackets ("(producer)") says something of the name before it: not a name.
    return list(dict.fromkeys(name for name in found if not name.name.startswith("(")))


def list_items(code):
    """The items of a field's list ({{Plainlist}}, {{ubl}}, bullets, line breaks), as wikicode."""
    text = ""
    for node in code.nodes:
        if isinstance(node, Template) and node.name.strip().lower() in LIST_TEMPLATES:
            text += "".join(f"\n{param.value}\n" for param in node.params)
        else:
            text += str(node)
    lines = [line.strip().lstrip("*").strip() for line in LIST_SEPARATORS.split(text)]
    return [mwparserfromhell.parse(line) for line in lines if line]


def link_name(link):
    title = plain(mwparserfromhell.parse(str(link.title)))
    shown = plain(link.text) if link.text is not None else ""
    return Name(title, shown if shown and shown != title else "")
