"""Load the seed fixtures in seeds/ (sorted by name), each only when it is new or has changed.

Records are matched by natural key. A record already in the database is kept as it is, never
overwritten: staff may have curated it, a member may own it. So loading again adds what is missing
and duplicates nothing. A member, review or comment already there the first time its file is
loaded is somebody else's (a member who signed up as `julie`, say): the seeds' record would take
it over, so the file is refused. Each new record is validated with full_clean() before it is
saved; a broken record stops the load, rolls back its file, and is reported by file, record
number, model and field.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from filmclub.models import SeedFile


class Command(BaseCommand):
    help = "Load the seed fixtures from seeds/: new or changed files only, unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="Fixture files to load (default: seeds/*.json)."
        )
        parser.add_argument("--force", action="store_true", help="Load files even if unchanged.")

    def handle(self, *args, files, force, **options):
        paths = [Path(name) for name in files] or sorted(
            Path(settings.FIXTURE_DIRS[0]).glob("*.json")
        )
        for path in paths:
            content = path.read_bytes()
            digest = hashlib.sha256(content).hexdigest()
            if not force and SeedFile.objects.filter(name=path.name, sha256=digest).exists():
                self.stdout.write(f"{path.name}: unchanged, skipped")
                continue
            first_time = not SeedFile.objects.filter(name=path.name).exists()
            added, kept = load_fixture(path, content, first_time)
            SeedFile.objects.update_or_create(name=path.name, defaults={"sha256": digest})
            summary = f"{path.name}: {added} records loaded"
            if kept:
                summary += f", {kept} already there kept as they are"
            self.stdout.write(self.style.SUCCESS(summary))


# Members' own rows: one already there before its seed file first loaded is not the seeds' own.
MEMBERS_OWN = {"filmclub.user", "reviews.review", "reviews.comment"}


def load_fixture(path, content, first_time):
    """Load one file in a transaction; return how many records were added and how many kept."""
    try:
        records = json.loads(content)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(records, list):
        raise CommandError(f"{path.name}: a fixture is a JSON list of records.")
    added = 0
    with transaction.atomic():
        for number, record in enumerate(records, start=1):
            try:
                added += load_record(record, first_time)
            except Exception as error:
                raise CommandError(
                    f"{path.name}, record {number} ({describe(record)}): {explain(error)}"
                ) from error
    return added, len(records) - added


def load_record(record, first_time):
    """Save the record if it is not in the database yet (1), or leave the row there alone (0)."""
    (deserialized,) = serializers.deserialize("python", [record], handle_forward_references=False)
    instance = deserialized.object
    model = type(instance)
    # A natural key that matched a row gave the record that row's primary key.
    if instance.pk is not None and model._default_manager.filter(pk=instance.pk).exists():
        if first_time and model._meta.label_lower in MEMBERS_OWN:
            raise ValidationError(
                f"{model._meta.verbose_name} {instance} is already in the database and the seeds "
                "did not bring it: it belongs to someone else. Nothing of this file was loaded: "
                "rename theirs in the admin, or the seed's."
            )
        return 0
    instance.full_clean()
    deserialized.save()
    return 1


def describe(record):
    if not isinstance(record, dict):
        return "not a record"
    fields = record.get("fields") or {}
    label = next(
        (
            fields[key]
            for key in ("slug", "code", "name", "username", "title", "category")
            if key in fields
        ),
        record.get("pk"),
    )
    return f"{record.get('model', 'no model')} {label!r}"


def explain(error):
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
