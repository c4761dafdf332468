"""On PostgreSQL with pg_trgm, trigram indexes on the members' handles and display names: the
site search finds members by a word anywhere in either (search.groups), which otherwise reads
every member (22 ms at 50,000 members)."""

from django.db import migrations

from core.trigrams import contains_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("filmclub", "0002_site_name"),
        # pg_trgm is created there.
        ("films", "0005_person_search"),
    ]

    operations = [contains_indexes("filmclub_user", ["username", "display_name"])]
