"""A film's credits and small facts in one query: its cast and crew (each with its person), its
companies (each with its company), alternative titles, release events, critics' quotes and
critics' lists, which its page read by a query each.

Each model's rows are read in the model's own order (Meta.ordering, as a row number within the
model's part), as JSON of their columns, and the parts are put together with UNION ALL: one
round trip to the database, one statement compiled once (core.baked), where seven were. Each row
is then made the model's instance with its fields' own conversions (a date from its text), a
credit given its person's or company's name and slug: all its link shows.
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, F, Value, Window
from django.db.models.functions import JSONObject, RowNumber

from core.baked import baked
from films.models import AlternativeTitle, CastCredit, CrewCredit, FilmCompany
from films.reception import CriticQuote, ListAppearance, ReleaseEvent

# What a credit shows of its person or company: its link (films_tags.link).
LINKED = ("name", "slug")
# The rows read together: {model: the foreign key whose row it is shown with, or None}.
FACTS = {
    CastCredit: "person",
    CrewCredit: "person",
    FilmCompany: "company",
    AlternativeTitle: None,
    ReleaseEvent: None,
    CriticQuote: None,
    ListAppearance: None,
}


def film_facts(film):
    """{model: [its rows of `film`, in the model's order, each given `film`]} for FACTS."""
    rows = {model: [] for model in FACTS}
    by_label = {model._meta.label_lower: model for model in FACTS}
    for label, _position, columns in sorted(facts_of(film.pk), key=lambda row: row[:2]):
        model = by_label[label]
        row = instance(model, columns)
        if related := FACTS[model]:
            shown = {"id": columns[f"{related}_id"]}
            shown |= {name: columns[f"{related}__{name}"] for name in LINKED}
            setattr(row, related, instance(model._meta.get_field(related).related_model, shown))
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
    if related := FACTS[model]:
        columns |= {f"{related}__{name}": F(f"{related}__{name}") for name in LINKED}
    return (
        model.objects.filter(film_id=film_id)
        .annotate(
            fact_model=Value(model._meta.label_lower, output_field=CharField()),
            fact_position=Window(RowNumber(), order_by=in_order(model, model._meta.ordering)),
            fact_columns=JSONObject(**columns),
        )
        .values_list("fact_model", "fact_position", "fact_columns")
        .order_by()
    )


def in_order(model, ordering):
    """`ordering` (a Meta.ordering of column names, a related model's column by its path, "-"
    for descending) as ORDER BY expressions. A relation itself (which Django orders by that
    model's own ordering) or an expression is refused rather than ordered otherwise."""
    expressions = []
    for name in ordering:
        if not isinstance(name, str):
            raise TypeError(f"{model.__name__}'s ordering {name!r}: give column names.")
        path = name.removeprefix("-")
        field, meta = None, model._meta
        for step in path.split("__"):
            field = meta.pk if step == "pk" else meta.get_field(step)
            meta = field.related_model._meta if field.is_relation else meta
        if field.is_relation:
            raise ValueError(f"{model.__name__}'s ordering {name!r}: name the column to order by.")
        expressions.append(F(path).desc() if name.startswith("-") else F(path).asc())
    return expressions
