"""What needs staff, for the top of the admin's index: the fortnight's screenings, what moderators
hid, and seed files that changed since they were loaded."""

import datetime
import hashlib
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from filmclub.models import SeedFile
from reviews.models import Comment, Review
from screenings.models import Screening

# How far ahead the dashboard lists screenings.
DASHBOARD_AHEAD = datetime.timedelta(days=14)


def changed_seed_files():
    """Seed files whose content differs from what `loadseeds` last loaded, or that it never
    loaded (it compares the same SHA-256 digests): `manage.py loadseeds` would load them."""
    loaded = dict(SeedFile.objects.values_list("name", "sha256"))
    paths = sorted(Path(settings.FIXTURE_DIRS[0]).glob("*.json"))
    return [
        path.name
        for path in paths
        if loaded.get(path.name) != hashlib.sha256(path.read_bytes()).hexdigest()
    ]


def needs_staff(user, now=None):
    """The dashboard's parts this member may see (by model permission), in a fixed number of
    queries."""
    now = now or timezone.now()
    parts = {}
    if user.has_perm("screenings.view_screening"):
        parts["screenings"] = list(
            Screening.objects.upcoming(now).filter(starts_at__lt=now + DASHBOARD_AHEAD).for_list()
        )
    if user.has_perm("reviews.view_review"):
        parts["hidden_reviews"] = Review.objects.filter(is_hidden=True).count()
    if user.has_perm("reviews.view_comment"):
        parts["hidden_comments"] = Comment.objects.filter(is_hidden=True).count()
    if user.has_perm("filmclub.view_seedfile"):
        parts["changed_seeds"] = changed_seed_files()
    return parts
