"""The admin's index opens on what needs staff (filmclub/dashboard.py)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from filmclub.models import SeedFile
from screenings.models import RSVP, ProgrammeItem, Screening, Venue


def screening_in(days, *, film, venue, capacity=None):
    screening = Screening.objects.create(
        venue=venue,
        date=timezone.localdate(timezone=venue.tz) + datetime.timedelta(days=days),
        start_time=datetime.time(20, 0),
        capacity=capacity,
    )
    ProgrammeItem.objects.create(screening=screening, film=film, order=1)
    return screening


@pytest.fixture
def venue(db):
    return Venue.objects.create(
        name="Fort Greene Park",
        slug="fort-greene-park",
        city="Brooklyn",
        latitude="40.69137",
        longitude="-73.97545",
        time_zone="America/New_York",
    )


def test_dashboard_lists_the_fortnights_screenings_with_who_is_going(
    client, staff_user, venue, make_film, make_user
):
    soon = screening_in(3, film=make_film(title="Comrades"), venue=venue, capacity=40)
    RSVP.objects.create(screening=soon, user=make_user())
    screening_in(20, film=make_film(title="Irma Vep"), venue=venue)
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))

    listed = response.context["screenings"]
    assert [screening.title for screening in listed] == ["Comrades"]
    assert "<td>1 / 40</td>" in response.text
    assert "Screenings in the next 14 days" in response.text


def test_dashboard_counts_what_moderators_hid(client, staff_user, make_review, make_comment):
    review = make_review(is_hidden=True, hidden_reason="Spam.")
    make_comment(review, is_hidden=True, hidden_reason="Rude.")
    make_comment(review, is_hidden=True, hidden_reason="Rude.")
    make_comment(review)
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))

    assert '?is_hidden__exact=1">1 hidden review</a>' in response.text
    assert '?is_hidden__exact=1">2 hidden comments</a>' in response.text


def test_dashboard_names_the_seed_files_changed_since_loaded(client, staff_user, seeded):
    SeedFile.objects.filter(name="030_reviews.json").update(sha256="0" * 64)
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))

    assert response.context["changed_seeds"] == ["030_reviews.json"]
    assert "Changed since they were loaded: 030_reviews.json." in response.text


def test_dashboard_shows_staff_only_what_they_may_see(client, make_user, make_review):
    make_review(is_hidden=True, hidden_reason="Spam.")
    editor = make_user(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename="view_screening"))
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    assert response.context["screenings"] == []
    assert response.context["hidden_reviews"] is None
    assert "hidden review" not in response.text
