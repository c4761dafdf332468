"""An article's accolades table ({| class="wikitable" … |}) read into `AccoladeRow`s.

The table is found by its header row (an award column and a category column); cells spanning
rows (rowspan="6") are repeated into each row they span. A link to an edition's article
([[34th Golden Horse Awards|Golden Horse Film Festival and Awards]]) gives the edition (34),
the body's name as shown, and its other name (Golden Horse Awards). The recipient is the person
linked or named in the recipient column, none when the column names the film itself. A category
that credits a role the infobox has no field for (Best Art Direction, Best Costume Design) also
gives the person that crew credit.
"""

import re

from mwparserfromhell.nodes import Tag

from films.models import CrewCredit
from films.reception import Accolade, ordinal
from films.wikitext.facts import AccoladeRow, Crew, Name, link_name, names, plain

COLUMNS = {
    "body": re.compile(r"award|ceremony|festival|organi[sz]ation", re.IGNORECASE),
    "year": re.compile(r"date|year", re.IGNORECASE),
    "category": re.compile(r"category", re.IGNORECASE),
    "recipient": re.compile(r"recipient|nominee|name", re.IGNORECASE),
    "result": re.compile(r"result|outcome", re.IGNORECASE),
}
RESULTS = {
    "won": Accolade.Result.WON,
    "win": Accolade.Result.WON,
    "winner": Accolade.Result.WON,
    "nom": Accolade.Result.NOMINATED,
    "nominated": Accolade.Result.NOMINATED,
    "nominee": Accolade.Result.NOMINATED,
}
# Bounds on the work a table costs (a film's accolades are tens of rows, under ten columns):
# rows past MAX_ROWS are not read, and cells past MAX_COLUMNS (rowspans pushing a row ever
# wider) are dropped.
MAX_ROWS, MAX_COLUMNS = 300, 12
EDITION = re.compile(r"^(\d+)(?:st|nd|rd|th)\s+", re.IGNORECASE)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Categories naming a role the infobox has no field for: the person honoured held it.
CREW_CATEGORIES = {
    CrewCredit.Role.ART_DIRECTION: re.compile(r"\bart direct", re.IGNORECASE),
    CrewCredit.Role.COSTUME_MAKEUP: re.compile(r"\bcostume|\bmake[- ]?up", re.IGNORECASE),
}


def read_accolades(article, code):
    for table in code.filter_tags(matches=lambda node: str(node.tag).strip().lower() == "table"):
        rows = grid(table)
        if not rows:
            continue
        columns = header_columns(rows[0])
        if {"body", "category"} <= columns.keys():
            read_rows(article, rows[1:], columns)
            return


def grid(table):
    """The table's rows as lists of cells (wikicode), spans repeated into the rows they span."""
    rows, spanning = [], {}  # column: [rows left, cell]
    for cells in table_rows(table):
        built, column = [], 0
        while (cells or column in spanning) and column < MAX_COLUMNS:
            if column in spanning:
                left, cell = spanning[column]
                built.append(cell)
                spanning[column] = [left - 1, cell]
                if left - 1 <= 0:
                    del spanning[column]
            else:
                cell = cells.pop(0)
                if rowspan(cell) > 1:
                    spanning[column] = [rowspan(cell) - 1, cell.contents]
                built.append(cell.contents)
            column += 1
        if built:
            rows.append(built)
    return rows


def table_rows(table):
    """Each row's cells; cells before the first "|-" (a header row written without one) are a
    row of their own."""
    loose = [node for node in table.contents.nodes if is_cell(node)]
    rows = [loose] if loose else []
    for node in table.contents.nodes:
        if isinstance(node, Tag) and str(node.tag).strip().lower() == "tr":
            rows.append([cell for cell in node.contents.nodes if is_cell(cell)])
    return rows


def is_cell(node):
    return isinstance(node, Tag) and str(node.tag).strip().lower() in {"td", "th"}


def rowspan(cell):
    span = re.search(r"\d+", str(cell.get("rowspan").value)) if cell.has("rowspan") else None
    return int(span.group()) if span else 1


def header_columns(header):
    columns = {}
    for index, cell in enumerate(header):
        for name, pattern in COLUMNS.items():
            if name not in columns and pattern.search(plain(cell)):
                columns[name] = index
                break
    return columns


def read_rows(article, rows, columns):
    if len(rows) > MAX_ROWS:
        article.unparsed.append(f"Accolades: only the first {MAX_ROWS} of {len(rows)} rows read.")
        rows = rows[:MAX_ROWS]

    def cell(row, name):
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    orders = {}
    for row in rows:
        body, other_name, edition = read_body(cell(row, "body"))
        year = YEAR.search(plain(cell(row, "year")))
        category = plain(cell(row, "category"))
        if not (body and year and category):
            article.unparsed.append(f"Accolades row “{' | '.join(plain(c) for c in row)}”")
            continue
        people = recipients(cell(row, "recipient"), article.title)
        if len(people) > 1:
            article.unparsed.append(
                f"{category} ({body}): only the first recipient is kept; also named: "
                + ", ".join(person.name for person in people[1:])
            )
        key = (body, int(year.group()))
        orders[key] = orders.get(key, 0) + 1
        accolade = AccoladeRow(
            body=body,
            body_other_name=other_name,
            edition=edition,
            year=int(year.group()),
            category=category[:200],
            person=people[0] if people else None,
            result=read_result(cell(row, "result")),
            order=orders[key],
        )
        article.accolades.append(accolade)
        add_crew_credit(article, accolade)


def read_body(code):
    """(name as shown, other name, edition) of the awarding body in the cell."""
    if code is None:
        return "", "", None
    links = code.filter_wikilinks()
    shown = plain(code)
    target = link_name(links[0]).name if links else shown
    edition = EDITION.match(target) or EDITION.match(shown)
    name = EDITION.sub("", shown).strip()
    other = EDITION.sub("", target).strip()
    return (
        name[:200],
        (other if other.lower() != name.lower() else "")[:300],
        (int(edition.group(1)) if edition else None),
    )


def recipients(code, film_title):
    """The people the recipient cell names; none when it names the film (or nobody)."""
    if code is None or plain(code).casefold() in {"", film_title.casefold()}:
        return []
    return names(code)


def read_result(code):
    if code is None:
        return Accolade.Result.UNKNOWN
    for template in code.filter_templates():
        found = RESULTS.get(template.name.strip().lower())
        if found:
            return found
    return RESULTS.get(plain(code).lower(), Accolade.Result.UNKNOWN)


def add_crew_credit(article, accolade):
    if accolade.person is None:
        return
    for role, pattern in CREW_CATEGORIES.items():
        if not pattern.search(accolade.category):
            continue
        held = [credit for credit in article.crew if credit.role == role]
        if any(credit.person.name == accolade.person.name for credit in held):
            return
        at = (
            f"the {ordinal(accolade.edition)} {accolade.body}"
            if accolade.edition
            else f"the {accolade.body} ({accolade.year})"
        )
        note = f"named for {accolade.category} at {at}"
        article.crew.append(Crew(role, Name(accolade.person.name), len(held) + 1, note[:300]))
        return
