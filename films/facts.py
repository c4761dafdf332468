"""A film's small facts in one query: its alternative titles, release events, critics' quotes,
critics' lists and companies, each a few rows, which its page showed by a query each.

Each model's rows are read in the model's own order (Meta.ordering, as a row number within the
model's part), as JSON of their columns, and the parts are put together with UNION ALL: one
round trip to the database, one statement compiled once (core.baked), where five were. Each row
is then made the model's instance with its fields' own conversions (a date from its text), a
company credit given its company's name and slug (all its link needs).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, F, Value, Window
from django.db.models.functions import JSONObject, RowNumber

from core.baked import baked
from films.models import AlternativeTitle, Company, FilmCompany
from films.reception import CriticQuote, ListAppearance, ReleaseEvent

FACTS = (AlternativeTitle, ReleaseEvent, CriticQuote, ListAppearance, FilmCompany)
# What a company credit shows of its company (its link: films_tags.link).
COMPANY_FIELDS = ("name", "slug")


def film_facts(film):
    """{model: [its rows of `film`, in the model's order, each given `film`]} for FACTS."""
    rows = {model: [] for model in FACTS}
    by_name = {model._meta.label_lower: model for model in FACTS}
    for label, _position, columns in sorted(facts_of(film.pk), key=lambda row: row[:2]):
        model = by_name[label]
        row = instance(model, columns)
        if model is FilmCompany:
            company = {name: columns.pop(f"company__{name}") for name in COMPANY_FIELDS}
            row.company = instance(Company, {"id": row.company_id, **company})
        row.film = film
        rows[model].append(row)
    return rows


def instance(model, columns):
    """`model`'s instance from its JSON `columns` (by attname), as if read from the database."""
    fields = [field for field in model._meta.concrete_fields if field.attname in columns]
    values = [field.to_python(columns[field.attname]) for field in fields]
    return model.from_db(DEFAULT_DB_ALIAS, [field.attname for field in fields], values)


@baked
def facts_of(film_id):
    """(model label, place in its order, columns as JSON) for each of the film's FACTS rows."""
    parts = [part(model, film_id) for model in FACTS]
    return parts[0].union(*parts[1:], all=True)


def part(model, film_id):
    columns = {field.attname: F(field.attname) for field in model._meta.concrete_fields}
    if model is FilmCompany:
        columns |= {f"company__{name}": F(f"company__{name}") for name in COMPANY_FIELDS}
    order = [
        F(name[1:]).desc() if name.startswith("-") else F(name).asc()
        for name in model._meta.ordering
    ]
    return (
        model.objects.filter(film_id=film_id)
        .annotate(
            fact_model=Value(model._meta.label_lower, output_field=CharField()),
            fact_position=Window(RowNumber(), order_by=order),
            fact_columns=JSONObject(**columns),
        )
        .values_list("fact_model", "fact_position", "fact_columns")
        .order_by()
    )
