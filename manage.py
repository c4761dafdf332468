#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

manage.py runs in development mode unless DJANGO_DEBUG says otherwise (the rule is in
filmclub/settings.py): production's shell sets DJANGO_DEBUG=false with its secrets.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmclub.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
