"""The search documents of every person and film written anew: films.search.normalise now folds
Chinese characters to their simplified forms (films.hanzi), so that a name or a title stored in
traditional characters is found by the same typed in simplified ones, and the other way round.
Rows are read and rewritten 2,000 at a time (films.search.refresh_all), and a document that is
already in the new form is not written again."""

from django.db import migrations

from films import search


def write_documents(apps, schema_editor):
    search.refresh_all(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('films', '0005_person_search'),
    ]

    operations = [
        migrations.RunPython(write_documents, migrations.RunPython.noop, elidable=True),
    ]
