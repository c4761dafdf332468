"""The seed screening of the club's announcement, checked on the loaded data."""

import datetime

from django.core.management import call_command

from screenings.models import Screening, Venue


def test_seed_venue_is_fort_greene_park_outdoors_in_new_york_time(seeded):
    venue = Venue.objects.get(slug="fort-greene-park")

    assert (venue.name, venue.neighbourhood, venue.city) == (
        "Fort Greene Park",
        "Fort Greene",
        "Brooklyn, New York",
    )
    assert (str(venue.latitude), str(venue.longitude)) == ("40.69137", "-73.97545")
    assert venue.time_zone == "America/New_York"
    assert venue.is_outdoor is True


def test_seed_screening_is_the_short_then_the_feature_at_dusk(seeded):
    screening = Screening.objects.get(slug="2025-06-30-fort-greene-park")

    assert [film.slug for film in screening.programme()] == [
        "to-become-a-lion",
        "comrades-almost-a-love-story",
    ]
    assert screening.starts_at_dusk is True
    assert screening.local_starts_at.replace(tzinfo=None) == datetime.datetime(2025, 6, 30, 21, 4)
    assert screening.status == Screening.Status.SCHEDULED
    assert screening.programme_note.slug == "comrades-almost-a-love-story-essay"
    assert screening.is_past is True


def test_loading_the_seeds_again_duplicates_nothing(seeded):
    call_command("loadseeds", "--force", verbosity=0)

    assert Screening.objects.count() == 1
    assert Screening.objects.get().items.count() == 2
