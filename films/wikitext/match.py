"""A parsed article held against the catalogue: the `Plan` the preview shows and apply writes.

Each fact of the article becomes a `Fact`: NEW (the catalogue lacks it: ticked), SAME (already
there: nothing to do), CONFLICT (the film holds another value: unticked, staff decide) or MISSING
(it names what the catalogue cannot hold yet, a country it does not know: listed, not applied).

People are matched by every spelling the catalogue holds, the way the search finds them: their
name, their other spellings, their name in its own script and its romanisations, all normalised
(films.search.normalise), read from the search document each person carries (Person.search_text).
One spelling of the article matching one person is that person; several are ambiguous and staff
choose; none is a new person. Companies and awarding bodies are matched by name (a body by its
other names too); countries and languages by name or code. The whole match costs a fixed number
of queries, however long the article.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import slugify

from films.models import (
    AwardBody,
    Company,
    Country,
    Film,
    Language,
    Person,
)
from films.reception import ordinal
from films.search import TITLE, TITLES_END, normalise

NEW, SAME, CONFLICT, MISSING = "new", "same", "conflict", "missing"
# The film's own fields the article can give, as the preview names them.
FIELDS = {
    "title": "Title",
    "original_title": "Original title",
    "original_title_lang": "Language of the original title",
    "original_title_romanised": "Romanised original title",
    "genre": "Genre",
    "year": "Year",
    "release_date": "First release",
    "runtime_minutes": "Runtime (minutes)",
    "box_office": "Box office",
    "box_office_note": "What the box office covers",
    "filming_locations": "Filming locations",
    "plot": "Plot",
}


@dataclass
class PersonMatch:
    key: str
    name: str
    spellings: list = field(default_factory=list)
    candidates: list = field(default_factory=list)

    @property
    def default(self):
        """The person's pk when one person matches, "new" when none does, "" when ambiguous."""
        if len(self.candidates) == 1:
            return str(self.candidates[0].pk)
        return "" if self.candidates else "new"


@dataclass
class Fact:
    key: str
    section: str
    label: str
    value: str
    status: str
    current: str = ""
    item: object = None
    person: PersonMatch | None = None

    @property
    def tickable(self):
        return self.status in {NEW, CONFLICT}

    @property
    def ticked(self):
        """Ticked unless staff untick it: what the catalogue lacks, never a conflict."""
        return self.status == NEW


@dataclass
class Plan:
    article: object
    film: Film | None
    facts: list
    people: list
    companies: dict
    bodies: dict
    countries: dict
    languages: dict

    def sections(self):
        """[(section, its facts)] in the order the preview shows them."""
        grouped = {}
        for fact in self.facts:
            grouped.setdefault(fact.section, []).append(fact)
        return list(grouped.items())

    @property
    def unparsed(self):
        return self.article.unparsed


def match(article):
    """The `Plan` for `article` against the catalogue as it is now."""
    people = match_people(article)
    film = find_film(article)
    state = FilmState.of(film)
    plan = Plan(
        article=article,
        film=film,
        facts=[],
        people=list(people.values()),
        companies=by_name(Company.objects, [c.name for c in article.companies]),
        bodies=match_bodies(article),
        countries=match_codes(Country, article.countries),
        languages=match_codes(Language, article.languages),
    )
    plan.facts = [
        *field_facts(article, film),
        *place_facts(plan, state),
        *company_facts(plan, state),
        *credit_facts(article, people, state),
        *accolade_facts(plan, people, state),
        *release_facts(article, state),
    ]
    return plan


def names_of(article):
    """Every person the article names, in the order it names them."""
    found = [credit.person for credit in [*article.crew, *article.cast]]
    found += [row.person for row in article.accolades if row.person]
    return found


def match_people(article):
    """{normalised name: PersonMatch} for every person the article names, in one query."""
    people = {}
    for name in names_of(article):
        key = normalise(name.name)
        match = people.setdefault(key, PersonMatch(f"person-{len(people)}", name.name))
        if name.shown_as and name.shown_as not in match.spellings:
            match.spellings.append(name.shown_as)
    lines = {
        spelling: f"\n{TITLE} {normalise(spelling)}\n"
        for match in people.values()
        for spelling in [match.name, *match.spellings]
        if normalise(spelling)
    }
    condition = Q()
    for line in set(lines.values()):
        condition |= Q(search_text__contains=line)
    found = list(Person.objects.filter(condition).order_by("name", "pk")) if lines else []
    for match in people.values():
        wanted = {lines[s] for s in [match.name, *match.spellings] if s in lines}
        match.candidates = [
            person
            for person in found
            if any(line in names_part(person.search_text) for line in wanted)
        ]
    return people


def names_part(search_text):
    """The names of a person's search document (before the characters), each line closed."""
    return search_text.partition(TITLES_END)[0] + "\n"


def by_name(manager, names):
    """{name: the row of that name (normalised), or its slug, or None}, in one query."""
    condition = Q()
    for name in names:
        condition |= Q(name__iexact=name) | Q(slug=slugify(name))
    rows = list(manager.filter(condition)) if names else []
    found = {}
    for name in names:
        found[name] = next(
            (
                row
                for row in rows
                if normalise(row.name) == normalise(name) or row.slug == slugify(name)
            ),
            None,
        )
    return found


def match_bodies(article):
    """{name: AwardBody or None}: by name or by one of its other names, in one query."""
    wanted = {row.body for row in article.accolades} | {
        row.body_other_name for row in article.accolades if row.body_other_name
    }
    condition = Q()
    for name in wanted:
        condition |= Q(name__iexact=name) | Q(other_names__icontains=name)
    bodies = list(AwardBody.objects.filter(condition)) if wanted else []

    def spellings(body):
        return {normalise(body.name)} | {normalise(n) for n in body.other_names.split(",")}

    found = {}
    for row in article.accolades:
        keys = {normalise(row.body), normalise(row.body_other_name)} - {""}
        found[row.body] = next((b for b in bodies if keys & spellings(b)), None)
    return found


def match_codes(model, names):
    condition = Q()
    for name in names:
        condition |= Q(name__iexact=name) | Q(code__iexact=name)
    rows = list(model.objects.filter(condition)) if names else []
    return {
        name: next(
            (r for r in rows if name.casefold() in {r.name.casefold(), r.code.casefold()}), None
        )
        for name in names
    }


def find_film(article):
    """The catalogue's film this article is about: same title (or other title, or original
    title), and the same year where both know it."""
    same_title = Q(title__iexact=article.title) | Q(alternative_titles__title__iexact=article.title)
    if article.original_title:
        same_title |= Q(original_title=article.original_title)
    films = Film.objects.filter(same_title)
    if article.year:
        films = films.filter(Q(year=article.year) | Q(year__isnull=True))
    return films.distinct().order_by("pk").first()


@dataclass
class FilmState:
    """What the film already holds, read once for the comparisons."""

    crew: set = field(default_factory=set)
    cast: dict = field(default_factory=dict)
    companies: set = field(default_factory=set)
    accolades: dict = field(default_factory=dict)
    countries: set = field(default_factory=set)
    languages: set = field(default_factory=set)
    releases: set = field(default_factory=set)

    @classmethod
    def of(cls, film):
        if film is None:
            return cls()
        accolades = film.accolades.values_list(
            "ceremony__body", "ceremony__year", "category", "person", "result", "person__name"
        )
        return cls(
            crew=set(film.crew.values_list("person", "role")),
            cast=dict(film.cast.values_list("person", "character")),
            companies=set(film.companies.values_list("company", "role")),
            accolades={(b, y, c): (p, r, name) for b, y, c, p, r, name in accolades},
            countries=set(film.countries.values_list("pk", flat=True)),
            languages=set(film.languages.values_list("pk", flat=True)),
            releases=set(film.release_events.values_list("kind", "year", "place")),
        )


def shown(value):
    return "" if value in (None, "") else str(value)


def field_facts(article, film):
    for name, label in FIELDS.items():
        value = field_value(article, name)
        if value in (None, ""):
            continue
        current = None if film is None else field_value(film, name)
        if film is None or current in (None, ""):
            status = NEW
        else:
            status = SAME if shown(current) == shown(value) else CONFLICT
        yield Fact(f"field-{name}", "Film", label, shown(value), status, shown(current), name)


def field_value(holder, name):
    """One of FIELDS as the article or the film holds it: the box office as one value, the
    amount and its currency ("12,345,678 HKD")."""
    if name == "box_office":
        amount = holder.box_office_amount
        return None if amount is None else f"{amount:,} {holder.box_office_currency}"
    return getattr(holder, name, None)


def place_facts(plan, state):
    for kind, found, held in (
        ("country", plan.countries, state.countries),
        ("language", plan.languages, state.languages),
    ):
        for index, (name, row) in enumerate(found.items()):
            if row is None:
                status, current = MISSING, f"No {kind} “{name}” in the catalogue: add it first."
            else:
                status, current = (SAME if row.pk in held else NEW), ""
            label = "Country" if kind == "country" else "Language"
            yield Fact(f"{kind}-{index}", "Film", label, name, status, current, row)


def company_facts(plan, state):
    for index, credit in enumerate(plan.article.companies):
        company = plan.companies.get(credit.name)
        status = SAME if company and (company.pk, credit.role) in state.companies else NEW
        note = "" if company else "a new company"
        label = credit.role.label
        yield Fact(f"company-{index}", "Companies", label, credit.name, status, note, credit)


def person_pk(match):
    return int(match.default) if match.default not in {"", "new"} else None


def credit_facts(article, people, state):
    for index, credit in enumerate(article.crew):
        person = people[normalise(credit.person.name)]
        status = SAME if (person_pk(person), credit.role) in state.crew else NEW
        value = credit.person.name + (f" ({credit.note})" if credit.note else "")
        yield Fact(f"crew-{index}", "Crew", credit.role.label, value, status, "", credit, person)
    for index, credit in enumerate(article.cast):
        person = people[normalise(credit.person.name)]
        held = state.cast.get(person_pk(person))
        if held is None:
            status = NEW
        elif held == credit.character or not credit.character:
            status = SAME
        else:
            status = NEW if not held else CONFLICT
        value = (
            f"{credit.person.name} as {credit.character}"
            if credit.character
            else (credit.person.name)
        )
        if credit.other_names:
            value += f" (also {credit.other_names})"
        if credit.note:
            value += f" – {credit.note}"
        label = f"#{credit.billing}"
        yield Fact(f"cast-{index}", "Cast", label, value, status, held or "", credit, person)


def accolade_facts(plan, people, state):
    for index, row in enumerate(plan.article.accolades):
        body = plan.bodies.get(row.body)
        person = people[normalise(row.person.name)] if row.person else None
        held = state.accolades.get((body.pk if body else None, row.year, row.category))
        status, current = NEW, ""
        if held is not None:
            same_person = held[0] == (person_pk(person) if person else None)
            # An article that does not give the result (its readable text) does not contradict one.
            same_result = held[1] == row.result or row.result == "unknown"
            if same_person and same_result:
                status = SAME
            elif (held[0] is None or same_person) and (held[1] == "unknown" or same_result):
                status = NEW
            else:
                status, current = CONFLICT, f"{held[2] or 'the film'} – {held[1]}"
        at = f"{ordinal(row.edition)} {row.body}" if row.edition else row.body
        value = f"{row.category} – {row.person.name if row.person else 'the film'}"
        value += "" if row.result == "unknown" else f" – {row.result}"
        label = f"{at} ({row.year})"
        yield Fact(f"accolade-{index}", "Accolades", label, value, status, current, row, person)


def release_facts(article, state):
    for index, release in enumerate(article.releases):
        status = SAME if (release.kind, release.year, release.place) in state.releases else NEW
        value = f"{release.date or release.year}, {release.place or 'place not given'}"
        label = release.kind.label
        yield Fact(f"release-{index}", "Release", label, value, status, "", release)
