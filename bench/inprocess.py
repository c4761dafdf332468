"""Django in this process against the benchmark database, for the tools that profile or time a
page's parts without a server (bench/profile_page.py, bench/jinja_probe.py): production
settings, the benchmark database and a Redis db of the bench's own."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def add_database_options(parser):
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/filmclub_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")


def set_up_django(args, **environment):
    """django.setup() with production settings on args' database and Redis; `environment`:
    more settings' variables (DJANGO_SHARED_FRAGMENTS="false" for a page built cold)."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="filmclub.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-profile-only",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        **environment,
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
