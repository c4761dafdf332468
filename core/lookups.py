"""`field__any_of=values`: the rows whose field is one of `values`, as `__in` finds them, written
for a long list of values.

`__in` writes one placeholder a value: `author_id IN (%s, %s, …)`. For the activity feed of a
member who follows 500 others, that is a thousand placeholders, and with server-side binding
(filmclub/settings.py) psycopg rewrites a statement that long placeholder by placeholder on every
execution (its cache keeps only short statements): 19 ms of CPU per request measured on the
home page, more than the rest of the page. On PostgreSQL `any_of` sends the values as one array,
`author_id = ANY(%s)`, so the statement is the same text whatever the list and psycopg's cache and
PostgreSQL's prepared statements serve it; elsewhere it is `__in`.
"""

from django.db.models import Field, ForeignObject
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class AnyOfMixin:
    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value() or isinstance(self.lhs, ColPairs):
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _placeholders, values = self.process_rhs(compiler, connection)  # as IN's: None left out
        return f"{lhs} = ANY(%s)", (*lhs_params, list(values))


@Field.register_lookup
class AnyOf(AnyOfMixin, In):
    pass


@ForeignObject.register_lookup
class RelatedAnyOf(AnyOfMixin, RelatedIn):
    pass
