"""The site's URLs plus the benchmark's floor (bench/settings.py; see bench/floor.py)."""

from django.urls import path

from bench import floor
from filmclub.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    # Under /media/, a prefix the page cache skips, so the floor is never a cache hit.
    path("media/bench-floor/<slug:name>", floor.floor, name="bench-floor"),
    *site_urlpatterns,
]
