"""Load the seed fixtures in seeds/ (sorted by name), each only when it is new or has changed.

Records are matched by natural key, so loading twice updates rather than duplicates. Each record
is validated with full_clean() before it is saved; a broken record stops the load, rolls back its
file, and is reported by file, record number, model and field.
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
            count = load_fixture(path, content)
            SeedFile.objects.update_or_create(name=path.name, defaults={"sha256": digest})
            self.stdout.write(self.style.SUCCESS(f"{path.name}: {count} records loaded"))


def load_fixture(path, content):
    try:
        records = json.loads(content)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(records, list):
        raise CommandError(f"{path.name}: a fixture is a JSON list of records.")
    with transaction.atomic():
        for number, record in enumerate(records, start=1):
            try:
                load_record(record)
            except Exception as error:
                raise CommandError(
                    f"{path.name}, record {number} ({describe(record)}): {explain(error)}"
                ) from error
    return len(records)


def load_record(record):
    for deserialized in serializers.deserialize(
        "python", [record], handle_forward_references=False
    ):
        instance = deserialized.object
        if instance.pk is not None:
            # Matched by natural key: validate it as the existing row it updates.
            instance._state.adding = (
                not type(instance)._default_manager.filter(pk=instance.pk).exists()
            )
        instance.full_clean()
        deserialized.save()


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
