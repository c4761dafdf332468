"""Querysets whose SQL is compiled once per process ("baked", as SQLAlchemy calls it).

Compiling a queryset to SQL costs Django more than the database takes to answer a small query
(a film's cast: 0.6 ms to compile, 0.15 ms to fetch), and a film's page asks two dozen of them,
each the same but for the film and the member. `baked(build)` wraps a function that builds a
queryset from plain arguments (ids, strings, dates, times, or a collection of one of these for
`__in`):

    @baked
    def cast_of(film_id):
        return CastCredit.objects.filter(film_id=film_id).select_related("person")

    list(cast_of(film.pk))

The first call on each database compiles `build` twice, with two sets of stand-in arguments, and
keeps the SQL only if the two differ in nothing but the stand-ins' parameters; every later call
fills this call's arguments into those places and runs the kept SQL through Django's own
iterable (model instances, select_related, annotations and prefetch_related as usual: what
is prefetched is fetched by queries of its own, compiled each time). A query that does not qualify
(its SQL depends on an argument's value, it reads the clock itself, an argument is None or a
collection with repeats) is built and compiled afresh on every call instead, so a wrong answer
is never the price.

The one thing it cannot find out: a value the builder reads that is the same in both builds but
not for ever (today's date, a setting changed at run time). A builder takes every value that
varies as an argument: the time as `now`, never `timezone.now().date()` inside.
"""

import datetime
import threading

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.sql import Query

# Arguments baked SQL takes: each kind, the parameter the database is given for it.
ADAPTERS = {
    int: lambda ops, value: value,
    str: lambda ops, value: value,
    datetime.datetime: lambda ops, value: ops.adapt_datetimefield_value(value),
    datetime.date: lambda ops, value: ops.adapt_datefield_value(value),
}
STAND_IN_BASE = {
    int: -(2**41),
    str: "\x1fbaked\x1f",
    datetime.datetime: datetime.datetime(1901, 2, 3, tzinfo=datetime.UTC),
    datetime.date: datetime.date(1901, 2, 3),
}
NOT_BAKEABLE = object()
# The longest collection argument kept as baked SQL (each length is SQL of its own).
MANY_AT_MOST = 50
# The compiler's own state, which each call gets anew (the connection is the calling thread's).
OWN_STATE = ("query", "connection", "using", "elide_empty")


def stand_in(kind, number):
    """The stand-in numbered `number`. They are spaced by the square of their number, so that
    the gap between two arguments differs from the first build to the second (a parameter
    made from one argument cannot pass for another in both), and a time has every part from
    its hours to its microseconds set, so that a builder's rounding shows."""
    base = STAND_IN_BASE[kind]
    if kind is int:
        return base - number * number
    if kind is str:
        return f"{base}{number}"
    if kind is datetime.datetime:
        parts = {"hours": number, "minutes": number, "seconds": number, "microseconds": number}
        return base + datetime.timedelta(days=number * number, **parts)
    return base + datetime.timedelta(days=number * number)


class BakedQuery(Query):
    """A query whose compiler runs SQL already compiled with this call's parameters. It is
    only iterated: anything that would change it (a filter, a slice, count(), exists()) would
    still run the kept SQL, so it refuses."""

    baked_sql = baked_params = baked_state = baked_converters = None

    def clone(self):
        raise TypeError("A baked queryset can only be iterated (build another to change it).")

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        compiler.__dict__.update(self.baked_state)
        sql, params, converters = self.baked_sql, self.baked_params, self.baked_converters
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        # What turns the database's values into Python's, worked out once too (they are given
        # the calling thread's connection when applied).
        compiler.get_converters = lambda expressions: converters
        return compiler


class Baked:
    """`build`'s queryset, its SQL compiled once per database; calling it with the arguments
    `build` takes gives a queryset to iterate (not to filter further)."""

    def __init__(self, build):
        self.build = build
        self._compiled = {}  # (alias, kinds) -> compile_twice()'s
        self._lock = threading.Lock()

    def __call__(self, *args):
        kinds = tuple(kind_of(arg) for arg in args)
        if None in kinds:
            return self.build(*args)
        alias = DEFAULT_DB_ALIAS  # the site routes no model elsewhere
        compiled = self._compiled.get((alias, kinds))
        if compiled is None:
            compiled = self._compile(alias, kinds)
        if compiled is NOT_BAKEABLE:
            return self.build(*args)
        template, sql, places, state, converters, flat_kinds = compiled
        ops = connections[alias].ops
        flat_args = flattened(kinds, args)
        params = [place.value(ops, flat_kinds, flat_args) for place in places]
        query = object.__new__(BakedQuery)
        query.__dict__ = template.query.__dict__.copy()
        query.baked_sql, query.baked_params, query.baked_state = sql, tuple(params), state
        query.baked_converters = converters
        queryset = object.__new__(type(template))
        queryset.__dict__ = template.__dict__.copy()
        queryset._query = query
        return queryset

    def _compile(self, alias, kinds):
        with self._lock:
            key = (alias, kinds)
            if key not in self._compiled:
                self._compiled[key] = compile_twice(self.build, alias, kinds)
            return self._compiled[key]


def kind_of(value):
    """The kind of argument baked SQL can take (None: it cannot): a scalar's type, or for a
    collection of distinct values of one type (`id__in=`), (that type, how many): SQL is kept
    for each length."""
    if isinstance(value, (list, tuple, set, frozenset)):
        values = list(value)
        kinds = {scalar_kind(item) for item in values}
        distinct = len(set(values)) == len(values)  # Django drops repeats from IN lists
        if 0 < len(values) <= MANY_AT_MOST and len(kinds) == 1 and None not in kinds and distinct:
            return (kinds.pop(), len(values))
        return None
    return scalar_kind(value)


def scalar_kind(value):
    if isinstance(value, bool) or value is None:
        return None
    for kind in (datetime.datetime, datetime.date, int, str):  # datetime before its base, date
        if isinstance(value, kind):
            return kind
    return None


def flattened(kinds, args):
    """The arguments with a collection's items in its place, in its order."""
    flat = []
    for kind, arg in zip(kinds, args, strict=True):
        if isinstance(kind, tuple):
            flat += list(arg)
        else:
            flat.append(arg)
    return flat


def stand_in_arguments(kinds, first):
    """Stand-ins for `build`'s arguments (numbered from `first`), and the same flattened."""
    arguments, flat = [], []
    for kind in kinds:
        if isinstance(kind, tuple):
            items = [stand_in(kind[0], first + len(flat) + number) for number in range(kind[1])]
            arguments.append(items)
            flat += items
        else:
            item = stand_in(kind, first + len(flat))
            arguments.append(item)
            flat.append(item)
    return arguments, flat


def compile_twice(build, alias, kinds):
    """(template queryset, SQL, how to make each parameter (Place), the compiler's state, its
    converters, the arguments' kinds with collections flattened), or NOT_BAKEABLE."""
    ops = connections[alias].ops
    compiled, first = [], 1
    for _build in range(2):
        arguments, stand_ins = stand_in_arguments(kinds, first)
        first += len(stand_ins)
        queryset = build(*arguments)
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return NOT_BAKEABLE
        compiled.append((queryset, compiler, sql, list(params), stand_ins))
    (queryset, compiler, sql, params, stand_ins), (_, _, sql_b, params_b, stand_ins_b) = compiled
    flat_kinds = [scalar_kind(item) for item in stand_ins]
    if sql != sql_b or len(params) != len(params_b) or queryset._result_cache is not None:
        return NOT_BAKEABLE
    places = []
    for value, value_b in zip(params, params_b, strict=True):
        place = Place.find(ops, flat_kinds, (value, stand_ins), (value_b, stand_ins_b))
        if place is None:
            return NOT_BAKEABLE  # it changed between the builds, and not as an argument
        places.append(place)
    state = {k: v for k, v in compiler.__dict__.items() if k not in OWN_STATE}
    converters = compiler.get_converters(
        [column[0] for column in compiler.select[: compiler.col_count]]
    )
    return queryset, sql, places, state, converters, flat_kinds


class Place:
    """How one parameter of baked SQL is made: a constant, an argument, or a time argument
    shifted by a constant (`now - LONGEST_PROGRAMME`)."""

    def __init__(self, constant=None, argument=None, shift=None):
        self.constant, self.argument, self.shift = constant, argument, shift

    def value(self, ops, kinds, args):
        if self.argument is None:
            return self.constant
        kind, arg = kinds[self.argument], args[self.argument]
        return ADAPTERS[kind](ops, arg if self.shift is None else arg + self.shift)

    @classmethod
    def find(cls, ops, kinds, first, second):
        """The Place of a parameter given its (value, stand-ins) in two builds, or None."""
        (value, stand_ins), (value_b, stand_ins_b) = first, second
        adapted = [ADAPTERS[kind](ops, arg) for kind, arg in zip(kinds, stand_ins, strict=True)]
        adapted_b = [ADAPTERS[k](ops, arg) for k, arg in zip(kinds, stand_ins_b, strict=True)]
        if value in adapted:
            argument = adapted.index(value)
            return cls(argument=argument) if adapted_b[argument] == value_b else None
        if value == value_b:
            return cls(constant=value)
        for argument, kind in enumerate(kinds):
            if kind is not datetime.datetime:
                continue
            moment, stand_in = as_moment(value), as_moment(adapted[argument])
            if moment is None or stand_in is None:
                continue
            place = cls(argument=argument, shift=moment - stand_in)
            if place.value(ops, kinds, stand_ins_b) == value_b:  # the second build agrees
                return place
        return None


def as_moment(parameter):
    """A datetime parameter as a datetime: as it is (PostgreSQL's), or read from the text SQLite
    is given; None for any other parameter."""
    if isinstance(parameter, datetime.datetime):
        return parameter
    if isinstance(parameter, str):
        try:
            return datetime.datetime.fromisoformat(parameter)
        except ValueError:
            return None
    return None


def baked(build):
    return Baked(build)
