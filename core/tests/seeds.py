"""The seeds for tests (the root conftest's `seeded`): loaded by `loadseeds` once a session,
then put back as the rows that loading wrote.

`loadseeds` costs 1.3 s a test on SQLite and 2.8 s on PostgreSQL on a slow machine (134 records
saved one by one, each refreshing search documents), and a hundred tests want the seeds. The
first test of a session that asks loads them as `bin/serve` does, and the rows that loading added
to every table (its signals' work included: search documents, notifications) are noted. A later
test gets those rows inserted again as they were, one INSERT a table and no signals, when the
tables they go into and point at hold exactly the rows they held before that first load;
otherwise (rows made before `seeded`, a flushed database) it loads the seeds itself. If loading
changed or removed a row that was there before, rows cannot say so, and every test loads.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


class Snapshot:
    """What the first load added ([(model, [rows])]) and what the tables it touches held before
    ({model: frozenset of primary keys})."""

    def __init__(self, added, before):
        self.added, self.before = added, before

    def fits(self):
        """Whether the database holds now what it held before the load, in those tables."""
        return all(primary_keys(model) == keys for model, keys in self.before.items())

    def put_back(self):
        with transaction.atomic():  # foreign keys are checked at its end
            for model, rows in self.added:
                model._base_manager.bulk_create([model(**row) for row in rows])
        if connection.vendor == "postgresql":  # no later row may take a seed's key
            models = [model for model, _ in self.added]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)


_snapshot = None  # a Snapshot, or LOAD_EACH_TIME once loading was found to change old rows
LOAD_EACH_TIME = object()


def load_seeds():
    """The database with every seed fixture loaded, as `bin/serve` loads it."""
    global _snapshot
    if isinstance(_snapshot, Snapshot) and _snapshot.fits():
        _snapshot.put_back()
        return
    if _snapshot is not None:
        call_command("loadseeds", verbosity=0)
        return
    before = every_row()
    call_command("loadseeds", verbosity=0)
    _snapshot = snapshot(before, every_row())


def snapshot(before, after):
    """A Snapshot of what loading did, or LOAD_EACH_TIME if it did more than add rows."""
    added = []
    for model, rows in after.items():
        old = before[model]
        if any(rows.get(key) != row for key, row in old.items()):
            return LOAD_EACH_TIME  # a row changed or removed
        new = [row for key, row in rows.items() if key not in old]
        if new and model._meta.parents:
            return LOAD_EACH_TIME  # one INSERT cannot add a row of an inherited model
        if new:
            added.append((model, new))
    touched = {model for model, _ in added}
    touched |= {
        field.related_model
        for model, _ in added
        for field in model._meta.concrete_fields
        if field.is_relation
    }
    return Snapshot(added, {model: frozenset(before[model]) for model in touched})


def tables():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def every_row():
    """{model: {primary key: {column's attribute: value}}} of every table."""
    found = {}
    for model in tables():
        names = [field.attname for field in model._meta.concrete_fields]
        key = model._meta.pk.attname
        found[model] = {row[key]: row for row in model._base_manager.values(*names)}
    return found


def primary_keys(model):
    return frozenset(model._base_manager.values_list("pk", flat=True))
