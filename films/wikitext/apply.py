"""Write what staff confirmed of a `Plan` (films.wikitext.match), in one transaction.

Only the facts staff left ticked are written, and each only adds: a field the film leaves empty,
a credit, company, accolade, country or release it lacks. A ticked CONFLICT is the one write
that replaces what the film holds (a runtime, a character, an accolade's person or result).
What the article does not mention is never touched, and every write looks for the row first,
so importing the same article twice changes nothing the second time.
"""

from django.db import transaction
from django.utils.text import slugify

from films.models import (
    CastCredit,
    Company,
    CrewCredit,
    Film,
    FilmCompany,
    Person,
    PersonAlias,
)
from films.reception import Accolade, AwardBody, Ceremony, ReleaseEvent
from films.search import normalise
from films.wikitext.match import CONFLICT, FIELDS


@transaction.atomic
def apply_plan(plan, *, accepted, choices):
    """The film, created or updated from the facts whose keys are in `accepted`, with the people
    `choices` names ({PersonMatch.key: "new" or an existing person's pk})."""
    facts = [fact for fact in plan.facts if fact.tickable and fact.key in accepted]
    people = resolve_people([fact.person for fact in facts if fact.person], choices)
    film = write_film(plan, [fact for fact in facts if fact.section == "Film"])
    for fact in facts:
        writer = WRITERS.get(fact.key.split("-")[0])
        if writer:
            writer(film, fact, plan, people)
    return film


def unique_slug(model, text, fallback, max_length=200):
    base = slugify(text)[: max_length - 8].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def resolve_people(matches, choices):
    """{PersonMatch.key: Person}: the chosen person, or a new one, with the article's other
    spellings of them kept as other spellings (where nobody holds them yet)."""
    people = {}
    for match in {match.key: match for match in matches}.values():
        choice = choices.get(match.key) or match.default
        chosen = {str(person.pk): person for person in match.candidates}.get(choice)
        if chosen is None:
            chosen = Person(name=match.name[:200], slug=unique_slug(Person, match.name, "person"))
            chosen.full_clean()
            chosen.save()
        for spelling in match.spellings:
            add_spelling(chosen, spelling)
        people[match.key] = chosen
    return people


def add_spelling(person, spelling):
    held = PersonAlias.objects.filter(name__iexact=spelling).exists()
    if held or Person.objects.filter(name__iexact=spelling).exists():
        return
    if normalise(spelling) != normalise(person.name):
        PersonAlias.objects.create(person=person, name=spelling[:200])


def write_film(plan, facts):
    film = plan.film or Film(
        title=plan.article.title[:300], slug=unique_slug(Film, plan.article.title, "film", 300)
    )
    changed = film.pk is None
    for fact in facts:
        name = fact.item
        if name not in FIELDS:
            continue
        if name == "box_office":
            film.box_office_amount = plan.article.box_office_amount
            film.box_office_currency = plan.article.box_office_currency
        else:
            setattr(film, name, getattr(plan.article, name))
        changed = True
    if changed:
        film.full_clean()
        film.save()
    for fact in facts:
        if fact.key.startswith("country-"):
            film.countries.add(fact.item)
        elif fact.key.startswith("language-"):
            film.languages.add(fact.item)
    return film


def write_company(film, fact, plan, people):
    credit = fact.item
    company = plan.companies.get(credit.name)
    if company is None:
        company = Company.objects.create(
            name=credit.name[:200], slug=unique_slug(Company, credit.name, "company")
        )
        plan.companies[credit.name] = company
    FilmCompany.objects.get_or_create(film=film, company=company, role=credit.role)


def write_crew(film, fact, plan, people):
    credit = fact.item
    row, created = CrewCredit.objects.get_or_create(
        film=film,
        person=people[fact.person.key],
        role=credit.role,
        defaults={"order": credit.order, "note": credit.note},
    )
    if not created and credit.note and not row.note:
        row.note = credit.note
        row.save(update_fields=["note"])


def write_cast(film, fact, plan, people):
    credit, person = fact.item, people[fact.person.key]
    row = film.cast.filter(person=person).order_by("billing", "pk").first()
    if row is None:
        CastCredit.objects.create(
            film=film,
            person=person,
            character=credit.character,
            character_other_names=credit.other_names,
            note=credit.note,
            billing=credit.billing,
        )
        return
    before = (row.character, row.character_other_names, row.note)
    if credit.character and (not row.character or fact.status == CONFLICT):
        row.character = credit.character
    row.character_other_names = row.character_other_names or credit.other_names
    row.note = row.note or credit.note
    if (row.character, row.character_other_names, row.note) != before:
        row.save()


def write_accolade(film, fact, plan, people):
    row = fact.item
    body = plan.bodies.get(row.body)
    if body is None:
        body = AwardBody.objects.create(
            name=row.body,
            slug=unique_slug(AwardBody, row.body, "award"),
            other_names=row.body_other_name,
        )
        plan.bodies[row.body] = body
    ceremony, created = Ceremony.objects.get_or_create(
        body=body, year=row.year, defaults={"edition": row.edition}
    )
    if not created and ceremony.edition is None and row.edition:
        ceremony.edition = row.edition
        ceremony.save(update_fields=["edition"])
    person = people[fact.person.key] if fact.person else None
    accolade = Accolade.objects.filter(film=film, ceremony=ceremony, category=row.category).first()
    if accolade is None:
        Accolade.objects.create(
            film=film,
            ceremony=ceremony,
            category=row.category,
            person=person,
            result=row.result,
            order=row.order,
        )
        return
    replace = fact.status == CONFLICT
    before = (accolade.person_id, accolade.result)
    if person and (accolade.person_id is None or replace):
        accolade.person = person
    if row.result != Accolade.Result.UNKNOWN and (accolade.result == "unknown" or replace):
        accolade.result = row.result
    if (accolade.person_id, accolade.result) != before:
        accolade.save(update_fields=["person", "result"])


def write_release(film, fact, plan, people):
    release = fact.item
    row, created = ReleaseEvent.objects.get_or_create(
        film=film,
        kind=release.kind,
        year=release.year,
        place=release.place,
        defaults={"date": release.date},
    )
    if not created and release.date and row.date is None:
        row.date = release.date
        row.save(update_fields=["date"])


WRITERS = {
    "company": write_company,
    "crew": write_crew,
    "cast": write_cast,
    "accolade": write_accolade,
    "release": write_release,
}
