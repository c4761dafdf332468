from django.db import migrations, models


def keep_every_programme_minutes(apps, schema_editor):
    # The rule as it stands when this runs (screenings.runtime), on the historical models.
    from screenings.runtime import keep_programme_minutes

    keep_programme_minutes(apps.get_model("screenings", "Screening").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("screenings", "0004_programme_note_draft_allowed"),
        ("films", "0006_search_text_hanzi"),
    ]

    operations = [
        migrations.AddField(
            model_name="screening",
            name="programme_minutes",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(keep_every_programme_minutes, migrations.RunPython.noop),
    ]
