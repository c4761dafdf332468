"""An encyclopedia article's wikitext read into the facts the catalogue keeps (`Article`).

The article's film infobox ({{Infobox film}}) gives the titles, the crew, the companies, the
release, the runtime, the countries, the languages and the box office; its lead sentence the genre
and where it was filmed; its cast list (`* [[Name]] as Character (other spellings) – note`) the
cast; its release section what the box office figure covers; its accolades table the awards
(films.wikitext.accolades). Nothing here reads the database: films.wikitext.match does.

What the parser met and could not read is listed in `Article.unparsed`, for the preview to show.
A page with no film infobox, or one whose infobox is never closed, raises `NotAFilmArticle`.
An article's readable text (not wikitext) is read by films.wikitext.readable.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

import mwparserfromhell
from mwparserfromhell.nodes import Tag, Template, Wikilink

from films.models import CrewCredit, FilmCompany
from films.reception import ReleaseEvent
from films.wikitext.accolades import read_accolades
from films.wikitext.facts import (
    COMMAS,
    Article,
    Cast,
    CompanyCredit,
    Crew,
    Name,
    NotAFilmArticle,
    Release,
    link_name,
    names,
    plain,
    value,
)

# A film's cast list is tens of lines, hundreds at most: past this many they are not read.
MAX_CAST = 500
MAX_UNPARSED = 100
# The parser builds a node for each link, template, list item and table cell, at some tens of
# microseconds each, and its filters walk them all: a text with more than any film's article has
# (a long one, footnotes left out, has a few thousand) is refused before it is parsed.
MARKUP = re.compile(r"\[\[|\{\{|\n[*#:;|!]|\|\||!!|<")
MAX_MARKUP = 10_000
NOT_A_FILM = (
    "This is not a film article: it has no film infobox ({{Infobox film}}), and it is not an "
    "article's readable text either (a “= Title =” first line, then the infobox as lines like "
    "“- Director: Peter Chan”). Paste the wikitext of the film's article, as its “Edit source” "
    "page shows it, or its readable text."
)
INFOBOX_NAMES = {"infobox film", "infobox movie", "film infobox"}
CREW_FIELDS = {
    "director": CrewCredit.Role.DIRECTOR,
    "producer": CrewCredit.Role.PRODUCER,
    "producers": CrewCredit.Role.PRODUCER,
    "writer": CrewCredit.Role.WRITER,
    "screenplay": CrewCredit.Role.WRITER,
    "story": CrewCredit.Role.WRITER,
    "music": CrewCredit.Role.MUSIC,
    "cinematography": CrewCredit.Role.CINEMATOGRAPHY,
    "editing": CrewCredit.Role.EDITING,
}
COMPANY_FIELDS = {
    "studio": FilmCompany.Role.STUDIO,
    "production_companies": FilmCompany.Role.STUDIO,
    "production_company": FilmCompany.Role.STUDIO,
    "distributor": FilmCompany.Role.DISTRIBUTOR,
}
OTHER_FIELDS = {"name", "native_name", "starring", "released", "runtime", "country", "language"}
OTHER_FIELDS |= {"gross", "budget"}
# Fields of the infobox the catalogue has no place for: not read, and not worth listing.
UNKEPT_FIELDS = {"image", "image_size", "alt", "caption", "border", "image_upright"}
KNOWN_FIELDS = OTHER_FIELDS | UNKEPT_FIELDS | CREW_FIELDS.keys() | COMPANY_FIELDS.keys()
CURRENCIES = {"HK$": "HKD", "US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
CURRENCIES |= {"NT$": "TWD", "CN¥": "CNY", "RMB": "CNY", "₩": "KRW", "A$": "AUD", "C$": "CAD"}
AMOUNT = re.compile(
    r"(?P<currency>[A-Z]{0,3}[$£€¥₩]|RMB\s?)\s?(?P<number>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s*(?P<scale>million|billion))?",
    re.IGNORECASE,
)
SCALES = {"million": 10**6, "billion": 10**9, None: 1}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DATE = re.compile(r"\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}|\d{4}-\d\d-\d\d")
# Sections read (or with nothing for the catalogue); the others are listed as not read.
SECTIONS_READ = {"plot", "synopsis", "cast", "release", "accolades", "awards", "references"}
SECTIONS_READ |= {"external links", "see also", "notes", "further reading", "box office"}
# Footnotes: what they cite is no fact of the film.
REFERENCES = re.compile(r"<ref[^>]*/>|<ref[^>/]*>.*?</ref>", re.IGNORECASE | re.DOTALL)


def parse(text):
    """The `Article` the wikitext `text` holds (see the module's doc)."""
    text = REFERENCES.sub("", text)
    refuse_heavy_markup(text)
    code = mwparserfromhell.parse(text)
    infobox = find_infobox(code, text)
    article = Article(title=plain(value(infobox, "name")))
    if not article.title:
        raise NotAFilmArticle("The film infobox has no name: the film's title is missing.")
    read_infobox(article, infobox)
    read_lead(article, code)
    read_cast(article, code)
    read_release(article, code)
    read_accolades(article, code)
    note_broken_templates(article, code)
    note_sections_not_read(article, code)
    cap_unparsed(article)
    return article


def refuse_heavy_markup(text):
    markup = len(MARKUP.findall(text))
    if markup > MAX_MARKUP:
        raise NotAFilmArticle(
            f"This text has more markup than any film article ({markup:,} links, templates, "
            f"list items and table cells; at most {MAX_MARKUP:,} are read). Paste only the "
            "film's article."
        )


def cap_unparsed(article):
    if len(article.unparsed) > MAX_UNPARSED:
        more = len(article.unparsed) - MAX_UNPARSED
        article.unparsed[MAX_UNPARSED:] = [f"… and {more} more parts not read."]


def find_infobox(code, text):
    for template in code.filter_templates(recursive=False):
        if template.name.strip_code().strip().lower() in INFOBOX_NAMES:
            return template
    if re.search(r"\{\{\s*(infobox film|infobox movie|film infobox)", text, re.IGNORECASE):
        raise NotAFilmArticle(
            "The film infobox is broken: its “{{” is never closed by “}}”, so none of it can be "
            "read. Check the wikitext you pasted is complete."
        )
    raise NotAFilmArticle(NOT_A_FILM)


def read_infobox(article, infobox):
    read_native_name(article, value(infobox, "native_name"))
    for field_name, role in CREW_FIELDS.items():
        start = sum(1 for credit in article.crew if credit.role == role)
        people = names(value(infobox, field_name))
        article.crew += [
            Crew(role, person, start + index)
            for index, person in enumerate(people, start=1)
            if not any(c.role == role and c.person.name == person.name for c in article.crew)
        ]
    for field_name, role in COMPANY_FIELDS.items():
        article.companies += [
            CompanyCredit(role, company.name[:200])
            for company in names(value(infobox, field_name), separators=COMMAS)
        ]
    article.starring = names(value(infobox, "starring"))
    read_released(article, value(infobox, "released"))
    runtime = re.search(r"\d+", str(value(infobox, "runtime") or ""))
    if runtime and int(runtime.group()) > 0:
        article.runtime_minutes = int(runtime.group())
    article.countries = [name.name for name in names(value(infobox, "country"))]
    article.languages = [name.name for name in names(value(infobox, "language"))]
    read_box_office(article, value(infobox, "gross"))
    budget = plain(value(infobox, "budget"))
    if budget:
        article.unparsed.append(f"Budget “{budget}”: the catalogue has no place for it.")
    for param in infobox.params:
        name = str(param.name).strip()
        if name not in KNOWN_FIELDS and plain(param.value):
            article.unparsed.append(f"Infobox field “{name}”: {plain(param.value)[:200]}")


def read_native_name(article, code):
    """{{Infobox name module|t=甜蜜蜜|p=Tian Mi Mi}}, {{lang|zh-Hant|甜蜜蜜}}, or the bare text."""
    if code is None:
        return
    for template in code.filter_templates():
        name = template.name.strip().lower()
        if name == "lang" and len(template.params) >= 2:
            article.original_title_lang = plain(template.get(1).value)
            article.original_title = plain(template.get(2).value)
        elif name in {"infobox name module", "zh", "infobox chinese"}:
            for key, lang in (("t", "zh-Hant"), ("s", "zh-Hans"), ("c", "zh")):
                if template.has(key) and not article.original_title:
                    article.original_title = plain(template.get(key).value)
                    article.original_title_lang = lang
            for key in ("p", "j", "y"):
                if template.has(key) and not article.original_title_romanised:
                    article.original_title_romanised = plain(template.get(key).value)
    if not article.original_title and not code.filter_templates():
        article.original_title = plain(code)


def read_released(article, code):
    """{{Film date|1996|11|2|Hong Kong|...}} (groups of year, month, day, place), or a date."""
    if code is None:
        return
    for template in code.filter_templates():
        if template.name.strip().lower() in {"film date", "filmdate", "released"}:
            parts = [plain(param.value) for param in template.params if not param.showkey]
            for start in range(0, len(parts), 4):
                year, month, day, place = [*parts[start : start + 4], "", "", ""][:4]
                add_release(article, year, month, day, place)
            return
    text = plain(code)
    date = read_date(text)
    if date:
        add_release(article, str(date.year), str(date.month), str(date.day), "")
        return
    year = YEAR.search(text)
    if year:
        add_release(article, year.group(), "", "", "")


def read_date(text):
    """The first date written out in `text` ("2 November 1996", "November 2, 1996", "1996-11-02"),
    or None."""
    date_text = DATE.search(text)
    for pattern in ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(date_text.group(), pattern).date()
        except (AttributeError, ValueError):
            continue
    return None


def add_release(article, year, month, day, place):
    if not YEAR.fullmatch(year or ""):
        return
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        date = None
    kind = ReleaseEvent.Kind.PREMIERE if not article.releases else ReleaseEvent.Kind.RERELEASE
    article.releases.append(Release(kind, int(year), date, place))
    if article.year is None:
        article.year, article.release_date = int(year), date


def read_box_office(article, code):
    text = plain(code)
    match = AMOUNT.search(text)
    if not text:
        return
    if not match:
        article.unparsed.append(f"Box office “{text}”: no amount with a currency found.")
        return
    currency = CURRENCIES.get(match["currency"].strip().upper())
    try:
        number = Decimal(match["number"].replace(",", "")) * SCALES[(match["scale"] or None)]
    except InvalidOperation:
        number = None
    if currency is None or number is None:
        article.unparsed.append(f"Box office “{text}”: currency not recognised.")
        return
    article.box_office_amount, article.box_office_currency = number.quantize(Decimal(1)), currency


def read_lead(article, code):
    lead = plain(code.get_sections(include_lead=True, flat=True)[0])
    described = re.search(r"\bis an? (.+?) film\b", lead)
    if described:
        words = YEAR.sub("", described.group(1))
        for country in article.countries:
            words = re.sub(re.escape(country), "", words, flags=re.IGNORECASE)
        words = re.sub(r"\s+", " ", words).strip()
        article.genre = words[:1].upper() + words[1:]
    filmed = re.search(r"\bfilmed (?:on location )?in ([^.]+)\.", lead)
    if filmed:
        article.filming_locations = filmed.group(1).strip()[:300]
    plot = code.get_sections(levels=[2], matches=r"^\s*(plot|synopsis)\s*$", include_headings=False)
    if plot:
        paragraphs = [plain(mwparserfromhell.parse(p)) for p in str(plot[0]).split("\n\n")]
        article.plot = "\n\n".join(p for p in paragraphs if p)


def read_cast(article, code):
    """`* [[Name]] as Character (Other, Spellings) – note`, one line each, in billing order."""
    sections = code.get_sections(levels=[2, 3], matches=r"^\s*cast\b", include_headings=False)
    lines = [line for section in sections for line in str(section).split("\n")]
    lines = [line for line in lines if line.startswith("*")]
    if len(lines) > MAX_CAST:
        article.unparsed.append(f"Cast: only the first {MAX_CAST} of {len(lines)} lines read.")
    for line in lines[:MAX_CAST]:
        cast = read_cast_line(line.lstrip("*:# ").strip(), billing=len(article.cast) + 1)
        if cast is None:
            article.unparsed.append(f"Cast line “{plain(mwparserfromhell.parse(line))}”")
        else:
            article.cast.append(cast)
    credited = {cast.person.name for cast in article.cast}
    for person in article.starring:
        if person.name not in credited:
            article.cast.append(Cast(person, "", "", "", billing=len(article.cast) + 1))


def read_cast_line(line, billing):
    code = mwparserfromhell.parse(line)
    text = plain(code)
    person_text, _, role = f" {text}".partition(" as ")
    first = code.nodes[0] if code.nodes else None
    if isinstance(first, Wikilink):
        person = link_name(first)
        role = text[len(plain(mwparserfromhell.parse(str(first)))) :].strip()
        role = role[3:] if role.startswith("as ") else role
    elif person_text.strip():
        person = Name(person_text.strip())
    else:
        return None
    character, note = (*re.split(r"\s+[–—-]\s+", role, maxsplit=1), "")[:2]
    other = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", character.strip())
    character, other_names = (other.group(1), other.group(2)) if other else (character, "")
    return Cast(person, character.strip()[:200], other_names.strip()[:300], note[:200], billing)


def read_release(article, code):
    """What the box office figure covers: "grossed … on its initial theatrical run in Hong Kong"."""
    if article.box_office_amount is None:
        return
    text = plain(code)
    covers = re.search(r"grossed (?:a total of )?\S+ (?:on|in|during) (?:its )?([^.]+)\.", text)
    if covers:
        article.box_office_note = covers.group(1).strip()[:200]


def note_sections_not_read(article, code):
    for heading in code.filter_headings():
        title = plain(heading.title)
        if heading.level == 2 and title.lower() not in SECTIONS_READ:
            article.unparsed.append(f"Section “{title}”: not read (its prose is not a fact).")


def note_broken_templates(article, code):
    """Braces the parser could not pair (an unclosed "{{" outside the infobox)."""
    for node in code.nodes:
        if not isinstance(node, Template | Tag) and "{{" in str(node):
            start = str(node).index("{{")
            article.unparsed.append(f"Unclosed template: “{str(node)[start : start + 80]}…”")
