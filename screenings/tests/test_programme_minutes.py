"""Each screening keeps its programme's runtime (programme_minutes), so that what is on is found in
SQL by its start and that number: it follows the programme and its films' runtimes wherever they
change, and what is on follows it."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from films.models import Film
from screenings.models import ProgrammeItem, Screening
from screenings.runtime import keep_programme_minutes


@pytest.fixture
def park(make_venue):
    return make_venue(name="Fort Greene Park")


@pytest.fixture
def short(make_film):
    return make_film(title="To Become a Lion", kind=Film.Kind.SHORT, runtime_minutes=15)


@pytest.fixture
def feature(make_film):
    return make_film(title="Comrades", kind=Film.Kind.FEATURE, runtime_minutes=116)


@pytest.fixture
def under_way(make_screening, park, short, feature):
    """Began an hour and a half ago; its programme (15 + 116 minutes) runs 41 minutes more."""
    began = (timezone.now() - datetime.timedelta(minutes=90)).astimezone(park.tz)
    return make_screening(
        films=[short, feature], venue=park, date=began.date(), start_time=began.time()
    )


def kept(screening):
    return Screening.objects.values_list("programme_minutes", flat=True).get(pk=screening.pk)


def what_is_on(client):
    return list(client.get(reverse("screenings:list")).context["screenings"])


def test_the_programme_written_item_by_item_is_kept(under_way):
    assert kept(under_way) == 131 == under_way.runtime_minutes()


def test_a_film_taken_off_the_programme_can_end_the_evening(client, under_way, feature):
    assert what_is_on(client) == [under_way]

    ProgrammeItem.objects.get(screening=under_way, film=feature).delete()

    assert kept(under_way) == 15
    assert what_is_on(client) == []
    assert list(Screening.objects.past()) == [under_way]


def test_a_film_added_to_the_programme_keeps_the_evening_on(client, under_way, make_film):
    ProgrammeItem.objects.filter(screening=under_way).delete()
    assert what_is_on(client) == []

    ProgrammeItem.objects.create(screening=under_way, film=make_film(runtime_minutes=100))

    assert kept(under_way) == 100
    assert what_is_on(client) == [under_way]


def test_a_corrected_runtime_moves_the_end_of_every_screening_showing_the_film(
    client, under_way, feature, make_screening, park
):
    later = make_screening(films=[feature], venue=park)

    feature.runtime_minutes = 60  # ended 14 minutes ago, after all
    feature.save()

    assert (kept(under_way), kept(later)) == (75, 60)
    assert what_is_on(client) == [later]


def test_an_unknown_runtime_counts_as_its_kind_does(under_way, feature):
    feature.runtime_minutes = None
    feature.save()
    assert kept(under_way) == 15 + 120

    feature.kind = Film.Kind.SHORT
    feature.save()
    assert kept(under_way) == 15 + 40


def screening_updates(queries):
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "screenings_screening"')]


def test_a_film_saved_with_its_runtime_unchanged_touches_no_screening(under_way, feature):
    film = Film.objects.get(pk=feature.pk)
    film.title = "Comrades: Almost a Love Story"

    with CaptureQueriesContext(connection) as unchanged:
        film.save()
    film.runtime_minutes = 118
    with CaptureQueriesContext(connection) as changed:
        film.save()

    assert screening_updates(unchanged.captured_queries) == []
    assert len(screening_updates(changed.captured_queries)) == 1
    assert kept(under_way) == 133


def test_a_deleted_screening_takes_its_programme_with_it(under_way):
    with CaptureQueriesContext(connection) as deleting:
        under_way.delete()

    assert screening_updates(deleting.captured_queries) == []

    assert not ProgrammeItem.objects.exists()


def test_a_duplicated_screening_keeps_its_programme(signed_in, staff_user, under_way):
    signed_in(staff_user).post(
        reverse("admin:screenings_screening_changelist"),
        {
            "action": "duplicate_selected",
            helpers.ACTION_CHECKBOX_NAME: [under_way.pk],
            "date": "2031-07-15",
        },
    )

    copy = Screening.objects.exclude(pk=under_way.pk).get()
    assert kept(copy) == 131 == copy.runtime_minutes()


def test_the_seeded_screening_ends_after_its_two_films(seeded):
    screening = Screening.objects.get(slug="2025-06-30-fort-greene-park")

    assert kept(screening) == screening.runtime_minutes() > 100


def test_keeping_every_screening_writes_each_its_own(under_way, make_screening, park, feature):
    """What the migration that added the number does for the screenings already there."""
    other = make_screening(films=[feature], venue=park)
    Screening.objects.update(programme_minutes=0)

    keep_programme_minutes(Screening.objects.all())

    assert (kept(under_way), kept(other)) == (131, 116)
