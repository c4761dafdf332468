"""The admin's choice of a screening's programme note: only reviews anyone may read (published,
public, with text), found by typing, the programme's films first, each told apart by its label;
the page shows a note only while it is readable."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review
from screenings.models import Screening
from screenings.tests.test_admin import change_form, errors, screening_form

NOTES = "admin:screenings_screening_programme_notes"


@pytest.fixture
def fallen_angels(make_film):
    return make_film(title="Fallen Angels", year=1995, runtime_minutes=99)


@pytest.fixture
def mei_ling(make_user):
    return make_user(username="meiling", display_name="Mei Ling")


@pytest.fixture
def logs(make_review, make_film, fallen_angels, mei_ling, make_user):
    """Mei Ling's logs of Fallen Angels and others' reviews: two readable, the rest not."""
    day = timezone.now() - datetime.timedelta(days=30)
    bare = [
        make_review(film=fallen_angels, author=mei_ling, title="", body="", published_at=day)
        for _ in range(3)
    ]
    return {
        "bare": bare,
        "rating_only": make_review(
            film=fallen_angels, author=mei_ling, title="", body="", rating=8
        ),
        "draft": make_review(
            film=fallen_angels, author=make_user(), status=Review.Status.DRAFT, title="Pitch"
        ),
        "hidden": make_review(
            film=fallen_angels, title="Spam", is_hidden=True, hidden_reason="Spam"
        ),
        "scheduled": make_review(
            film=fallen_angels,
            title="Next week",
            published_at=timezone.now() + datetime.timedelta(days=7),
        ),
        "on_the_programme": make_review(
            film=fallen_angels,
            author=mei_ling,
            title="Neon and loneliness",
            published_at=datetime.datetime(2025, 6, 30, 20, tzinfo=datetime.UTC),
        ),
        "other_film": make_review(
            film=make_film(title="Irma Vep", year=1996),
            title="A film about film",
            published_at=timezone.now() - datetime.timedelta(days=1),
        ),
    }


def choices(client, screening=None, term=""):
    query = {"term": term}
    if screening is not None:
        query["screening"] = screening.pk
    response = client.get(reverse(NOTES), query)
    assert response.status_code == 200
    return [(row["id"], row["text"]) for row in response.json()["results"]]


def test_only_public_reviews_with_text_are_offered_the_programmes_films_first(
    staff_client, make_screening, fallen_angels, logs
):
    screening = make_screening(films=[fallen_angels])

    offered = choices(staff_client, screening)

    assert offered == [
        (
            str(logs["on_the_programme"].pk),
            "“Neon and loneliness” by Mei Ling @meiling · Fallen Angels (1995) · 2025-06-30",
        ),
        (
            str(logs["other_film"].pk),
            f"“A film about film” by {logs['other_film'].author.public_name} "
            f"@{logs['other_film'].author.username} · Irma Vep (1996) · "
            f"{timezone.localtime(logs['other_film'].published_at):%Y-%m-%d}",
        ),
    ]


def test_the_choices_are_found_by_typing(staff_client, logs):
    assert [pk for pk, _ in choices(staff_client, term="irma")] == [str(logs["other_film"].pk)]
    assert [pk for pk, _ in choices(staff_client, term="neon")] == [
        str(logs["on_the_programme"].pk)
    ]


def test_the_choices_are_staffs_only(client, member_client, logs):
    assert client.get(reverse(NOTES)).status_code == 302  # to the admin's sign-in
    assert member_client.get(reverse(NOTES)).status_code == 302


def test_the_change_form_asks_for_the_note_by_typing(staff_client, make_screening, logs):
    screening = make_screening(programme_note=logs["on_the_programme"])

    response = staff_client.get(reverse("admin:screenings_screening_change", args=[screening.pk]))

    assert f'data-ajax--url="{reverse(NOTES)}?screening={screening.pk}"' in response.text
    assert "“Neon and loneliness” by Mei Ling @meiling · Fallen Angels (1995)" in response.text
    assert "meiling on Fallen Angels (1995)" not in response.text  # no bare log is listed


@pytest.mark.parametrize("which", ["bare", "rating_only", "draft", "hidden", "scheduled"])
def test_a_note_nobody_can_read_is_refused_on_save(
    staff_client, fort_greene, fallen_angels, logs, which
):
    note = logs[which][0] if which == "bare" else logs[which]
    data = screening_form(fort_greene, [fallen_angels], programme_note=str(note.pk))

    response = staff_client.post(reverse("admin:screenings_screening_add"), data)

    assert errors(response) == [
        "Choose a review anyone can read (published, not hidden, with text): this one is not."
    ]
    assert not Screening.objects.exists()


def test_a_readable_review_is_saved_as_the_note(staff_client, fort_greene, fallen_angels, logs):
    note = logs["on_the_programme"]
    data = screening_form(fort_greene, [fallen_angels], programme_note=str(note.pk))

    staff_client.post(reverse("admin:screenings_screening_add"), data)

    assert Screening.objects.get().programme_note == note


def test_a_winning_pitch_kept_as_a_draft_note_does_not_stop_the_screening_being_saved(
    staff_client, make_screening, fallen_angels, logs
):
    """A season's winner is scheduled with its pitch as a draft note (seasons.scheduling), shown
    once published: staff editing the screening meanwhile keep it."""
    screening = make_screening(films=[fallen_angels], programme_note=logs["draft"])
    data = change_form(
        screening,
        programme_note=str(logs["draft"].pk),
        date=f"{screening.date:%Y-%m-%d}",
        start_time="20:00",
        starts_at_dusk="",
        capacity="40",
    )

    response = staff_client.post(
        reverse("admin:screenings_screening_change", args=[screening.pk]), data
    )

    assert response.status_code == 302, errors(response)
    screening.refresh_from_db()
    assert (screening.capacity, screening.programme_note) == (40, logs["draft"])


def test_a_note_that_loses_its_text_is_not_shown(client, make_screening, logs):
    note = logs["on_the_programme"]
    screening = make_screening(programme_note=note)
    Review.objects.filter(pk=note.pk).update(title="", body="", body_html="", excerpt="")

    response = client.get(screening.get_absolute_url())

    assert "Programme note" not in response.text
    assert "Read the essay" not in response.text
    assert "by Mei Ling" not in response.text
