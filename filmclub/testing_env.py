"""A pytest plugin, loaded with `-p filmclub.testing_env` before Django reads its settings.

The settings refuse to start in production mode without a secret key; the test suite runs in
development mode unless the caller sets the variables itself (CI does, for the deploy check).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from that
# thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
