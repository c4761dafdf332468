from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "127.0.0.1:8000", "name": "filmclub"}
    )


class Migration(migrations.Migration):
    """allauth's mails name the site: call it filmclub, not example.com (staff may change it)."""

    dependencies = [
        ("filmclub", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
