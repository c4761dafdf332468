"""ASGI entry point. Production mode unless DJANGO_DEBUG says otherwise
(see filmclub/settings.py): it refuses to start without its secrets."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmclub.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")

application = get_asgi_application()
