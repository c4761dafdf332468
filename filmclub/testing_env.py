"""A pytest plugin, loaded with `-p filmclub.testing_env` before Django reads its settings.

The settings refuse to start in production mode without a secret key; the test suite runs in
development mode unless the caller sets the variables itself (CI does, for the deploy check).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
