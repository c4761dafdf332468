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

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, IntegerField
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class AnyOfMixin:
    lookup_name = "any_of"

    def get_prep_lookup(self):
        if self.is_whole_numbers():
            return self.rhs  # what preparing them one by one would give
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value() or isinstance(self.lhs, ColPairs):
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if self.is_whole_numbers():
            values = [value for value in self.rhs if value is not None]
            if not values:
                raise EmptyResultSet  # as IN's
        else:
            _placeholders, values = self.process_rhs(compiler, connection)  # as IN's: no None
        return f"{lhs} = ANY(%s)", (*lhs_params, list(values))

    def is_whole_numbers(self):
        """Whether the values are plain ints (or None) for an integer field or a key to one,
        such as a list of primary keys: the field's preparation would give each back as it
        is, and skipping it value by value saves 1.4 ms of CPU for the activity feed's two
        lists of 500 members."""
        if not isinstance(self.rhs, list) or isinstance(self.lhs, ColPairs):
            return False
        field = self.lhs.output_field
        field = getattr(field, "target_field", field)  # a foreign key: the field it points to
        return (
            isinstance(field, IntegerField)
            and type(field).get_prep_value is IntegerField.get_prep_value
            and all(type(value) is int or value is None for value in self.rhs)
        )


@Field.register_lookup
class AnyOf(AnyOfMixin, In):
    pass


@ForeignObject.register_lookup
class RelatedAnyOf(AnyOfMixin, RelatedIn):
    pass
