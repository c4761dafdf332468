"""The site's settings as the benchmark serves it (bench/run.py sets
DJANGO_SETTINGS_MODULE=bench.settings): an X-Queries header on every response and the benchmark's
floor view (bench/floor.py). Never in production."""

from filmclub.settings import *  # noqa: F403
from filmclub.settings import MIDDLEWARE

MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
