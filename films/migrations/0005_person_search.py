"""The people's search documents and native-name languages; the documents of every film and
person written anew (films.search's normalised layout); on PostgreSQL, pg_trgm and a GIN trigram
index on both documents (word prefixes and typos are then found by index)."""

import warnings

from django.db import DatabaseError, migrations, models, transaction

from films import search

TABLES = ("films_film", "films_person")


def write_documents(apps, schema_editor):
    search.refresh_all(apps)


def create_trigram_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        # A role that may not create extensions: the search works, without typo tolerance, until
        # a superuser runs CREATE EXTENSION pg_trgm and this migration is applied again.
        warnings.warn(f"pg_trgm could not be created, the search forgives no typo: {error}")
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm "
            f"ON {table} USING gin (search_text gin_trgm_ops)"
        )
    connection.filmclub_trigrams = True


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ('films', '0004_film_search_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='native_name_lang',
            field=models.CharField(blank=True, help_text='BCP 47 tag of the native name, e.g. zh-Hant (names in Chinese characters are found by their pinyin and jyutping too).', max_length=12, verbose_name='language of the native name'),
        ),
        migrations.AddField(
            model_name='person',
            name='romanised_names',
            field=models.TextField(blank=True, editable=False, help_text="The native name's romanisations, generated (films.search.romanised), after the line they were made from."),
        ),
        migrations.AddField(
            model_name='person',
            name='search_text',
            field=models.TextField(blank=True, editable=False, help_text='Every name and character of the person, for the search (written by films.search on every change).'),
        ),
        migrations.AlterField(
            model_name='film',
            name='search_text',
            field=models.TextField(blank=True, editable=False, help_text='Every title, credited name and character, year, genre, country and language, for the search (written by films.search on every change).'),
        ),
        migrations.RunPython(write_documents, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
