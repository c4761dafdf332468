"""GIN trigram indexes for the searches that look for a word anywhere in a column (Django's
`icontains`, which PostgreSQL runs as `UPPER(column::text) LIKE UPPER('%word%')`): without one,
every row of the table is read on each search. On PostgreSQL with pg_trgm only (films migration
0005 creates the extension where allowed); elsewhere the search reads the rows as it did."""

from django.db import migrations


def has_trigrams(connection):
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
        return cursor.fetchone()[0]


def contains_indexes(table, columns):
    """A migration's operation: an index on `UPPER(column::text)` for each of `columns` of
    `table` (named `<table>_<column>_trgm`), serving `column__icontains`; reversible."""

    def name(column):
        return f"{table}_{column}_trgm"

    def create(apps, schema_editor):
        if not has_trigrams(schema_editor.connection):
            return
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name(column)} ON {table} "
                f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for column in columns:
                schema_editor.execute(f"DROP INDEX IF EXISTS {name(column)}")

    return migrations.RunPython(create, drop, elidable=False)
