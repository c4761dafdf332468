"""TEMPORARY, until the reviews branch is merged: the seed screening's programme note is the club's
essay, which seeds/030_reviews.json brings. Without that file, a stand-in essay with the same
natural key is loaded after the catalogue, so seeds/040_screenings.json can load. With the file
present this does nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command

STAND_IN = Path(__file__).parent / "fixtures" / "stand_in_essay.json"


def load_stand_in_essay():
    seeds = Path(settings.FIXTURE_DIRS[0])
    if (seeds / "030_reviews.json").exists():
        return
    call_command("loadseeds", str(seeds / "010_catalogue.json"), str(STAND_IN), verbosity=0)
