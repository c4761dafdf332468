import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks_db.models import DBTaskResult

from films.models import Film
from screenings.attendance import RSVP
from screenings.clock import local_clock
from screenings.models import Screening
from screenings.past_start import past_start_warning
from screenings.reminders import due


@pytest.fixture
def short(make_film):
    return make_film(title="To Become a Lion", kind=Film.Kind.SHORT, runtime_minutes=14)


@pytest.fixture
def feature(make_film):
    return make_film(
        title="Comrades: Almost a Love Story", kind=Film.Kind.FEATURE, runtime_minutes=116
    )


def screening_form(venue, films=(), screening=None, **overrides):
    data = {
        "venue": venue.pk,
        "series": "",
        "slug": "",
        "date": "2030-06-30",
        "doors_time": "",
        "start_time": "",
        "starts_at_dusk": "on",
        "status": "scheduled",
        "status_reason": "",
        "programme_note": "",
        "capacity": "",
        "items-TOTAL_FORMS": str(len(films)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "rsvps-TOTAL_FORMS": "0",
        "rsvps-INITIAL_FORMS": "0",
        "rsvps-MIN_NUM_FORMS": "0",
        "rsvps-MAX_NUM_FORMS": "1000",
        "waitlist-TOTAL_FORMS": "0",
        "waitlist-INITIAL_FORMS": "0",
        "waitlist-MIN_NUM_FORMS": "0",
        "waitlist-MAX_NUM_FORMS": "1000",
        "weather_policy": "",
        "rain_call_time": "",
        "rain_date": "",
    }
    for number, film in enumerate(films):
        data[f"items-{number}-order"] = str(number + 1)
        data[f"items-{number}-film"] = str(film.pk)
        if screening:
            data[f"items-{number}-screening"] = str(screening.pk)
    data.update(overrides)
    return data


def change_form(screening, **overrides):
    """The change form of a saved screening as the admin sends it back, its programme unchanged."""
    items = list(screening.items.all())
    data = screening_form(
        screening.venue, [item.film for item in items], screening=screening, **overrides
    )
    data["items-INITIAL_FORMS"] = str(len(items))
    data.update({f"items-{number}-id": str(item.pk) for number, item in enumerate(items)})
    return data


def errors(response):
    """Every error message the change form shows, the form's and the inline's."""
    messages = list(response.context["adminform"].form.errors.values())
    for formset in response.context["inline_admin_formsets"]:
        messages.append(formset.formset.non_form_errors())
    return [message for group in messages for message in group]


def test_staff_schedule_a_short_then_a_feature_at_dusk(staff_client, fort_greene, short, feature):
    response = staff_client.post(
        reverse("admin:screenings_screening_add"), screening_form(fort_greene, [short, feature])
    )

    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.programme() == [short, feature]
    assert screening.slug == "2030-06-30-fort-greene-park"
    assert screening.local_starts_at.strftime("%Y-%m-%d %H:%M") == "2030-06-30 21:04"
    assert screening.sequence == 0


def test_time_entered_is_venue_time_whatever_the_server_zone(
    staff_client, settings, fort_greene, feature
):
    settings.TIME_ZONE = "Europe/Berlin"

    staff_client.post(
        reverse("admin:screenings_screening_add"),
        screening_form(fort_greene, [feature], starts_at_dusk="", start_time="20:00"),
    )

    assert Screening.objects.get().starts_at == datetime.datetime(
        2030, 7, 1, 0, 0, tzinfo=datetime.UTC
    )


def test_a_programme_without_a_feature_is_refused(staff_client, fort_greene, short):
    response = staff_client.post(
        reverse("admin:screenings_screening_add"), screening_form(fort_greene, [short])
    )

    assert errors(response) == [
        "A programme needs a feature: add the feature film (any short plays before it)."
    ]
    assert Screening.objects.count() == 0


def test_an_empty_programme_is_refused(staff_client, fort_greene):
    response = staff_client.post(
        reverse("admin:screenings_screening_add"), screening_form(fort_greene, [])
    )

    assert errors(response) == [
        "A programme needs a feature: add the feature film (any short plays before it)."
    ]


def on_the_forms_day(make_screening, venue, film, start_time):
    """A screening of `film` at `venue` on the day screening_form asks for (2030-06-30)."""
    return make_screening(
        venue=venue, films=[film], date=datetime.date(2030, 6, 30), start_time=start_time
    )


def test_overlapping_screenings_at_one_venue_are_refused(
    staff_client, make_screening, fort_greene, feature, short
):
    on_the_forms_day(make_screening, fort_greene, feature, datetime.time(19, 30))

    # 19:30 + 116 minutes runs to 21:26, past the new screening's 21:04 start at dusk.
    response = staff_client.post(
        reverse("admin:screenings_screening_add"), screening_form(fort_greene, [short, feature])
    )

    assert errors(response) == [
        "Fort Greene Park already has “Comrades: Almost a Love Story” from 7:30 pm to 9:26 pm "
        "on 2030-06-30; this programme would run 9:04 pm to 11:14 pm. "
        "Two screenings at one venue cannot overlap."
    ]
    assert Screening.objects.count() == 1


def test_back_to_back_screenings_and_other_venues_are_fine(
    staff_client, make_screening, fort_greene, make_venue, feature
):
    on_the_forms_day(make_screening, fort_greene, feature, datetime.time(18, 0))
    on_the_forms_day(make_screening, make_venue(), feature, datetime.time(20, 0))

    response = staff_client.post(
        reverse("admin:screenings_screening_add"),
        screening_form(fort_greene, [feature], starts_at_dusk="", start_time="19:56"),
    )

    assert response.status_code == 302
    assert Screening.objects.count() == 3


def test_capacity_below_the_rsvps_taken_is_refused(
    staff_client, make_screening, make_user, feature
):
    screening = make_screening(films=[feature])
    for _ in range(3):
        RSVP.objects.create(screening=screening, user=make_user())
    data = change_form(
        screening,
        date=str(screening.date),
        starts_at_dusk="",
        start_time="20:00",
        capacity="2",
        slug=screening.slug,
    )

    response = staff_client.post(
        reverse("admin:screenings_screening_change", args=[screening.pk]), data
    )

    assert errors(response) == [
        "3 members have already said they are going: the capacity cannot be below 3."
    ]
    screening.refresh_from_db()
    assert screening.capacity is None


def test_doors_after_the_start_are_refused(staff_client, fort_greene, feature):
    response = staff_client.post(
        reverse("admin:screenings_screening_add"),
        screening_form(fort_greene, [feature], doors_time="21:30"),
    )

    assert errors(response) == [
        "Doors at 9:30 pm would open after the film starts (9:04 pm at dusk): "
        "doors open before the start."
    ]


def test_changing_the_programme_raises_the_sequence(staff_client, make_screening, feature, short):
    screening = make_screening(films=[feature], start_time=datetime.time(20, 0))
    data = screening_form(
        screening.venue,
        [short, feature],
        screening=screening,
        date=str(screening.date),
        starts_at_dusk="",
        start_time="20:00",
        slug=screening.slug,
    )
    # the feature is already on the programme: send it as the existing row, second
    item = screening.items.get()
    data.update(
        {
            "items-INITIAL_FORMS": "1",
            "items-0-id": str(item.pk),
            "items-0-film": str(feature.pk),
            "items-0-order": "2",
            "items-1-film": str(short.pk),
            "items-1-order": "1",
        }
    )

    response = staff_client.post(
        reverse("admin:screenings_screening_change", args=[screening.pk]), data
    )

    assert response.status_code == 302
    screening = Screening.objects.get(pk=screening.pk)
    assert screening.programme() == [short, feature]
    assert list(screening.items.values_list("order", flat=True)) == [1, 2]
    assert screening.sequence == 1


def test_changelist_filters_and_searches_by_film(staff_client, make_screening, make_film):
    lion = make_screening(films=[make_film(title="To Become a Lion", kind="feature")])
    make_screening(films=[make_film(title="Irma Vep", kind="feature")])
    make_screening(date=datetime.date(2020, 7, 1))
    url = reverse("admin:screenings_screening_changelist")

    searched = staff_client.get(url, {"q": "lion"})
    upcoming = staff_client.get(url, {"when": "upcoming"})
    past = staff_client.get(url, {"when": "past"})

    assert [s.pk for s in searched.context["cl"].result_list] == [lion.pk]
    assert len(upcoming.context["cl"].result_list) == 2
    assert len(past.context["cl"].result_list) == 1
    assert '<td class="field-going">0</td>' in searched.text


def test_cancel_action_asks_for_a_reason_then_cancels(staff_client, make_screening):
    screenings = [make_screening(), make_screening()]
    url = reverse("admin:screenings_screening_changelist")
    selection = {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [s.pk for s in screenings]}

    asked = staff_client.post(url, selection)
    done = staff_client.post(url, {**selection, "reason": "Thunderstorms."}, follow=True)

    assert asked.context["form"].fields["reason"].required is True
    assert "Cancel screenings" in asked.text
    for screening in screenings:
        screening.refresh_from_db()
        assert (screening.status, screening.status_reason) == ("cancelled", "Thunderstorms.")
        assert screening.sequence == 1
    assert "2 screenings cancelled" in done.text


def test_postpone_action_without_a_reason_changes_nothing(staff_client, make_screening):
    screening = make_screening()
    url = reverse("admin:screenings_screening_changelist")

    response = staff_client.post(
        url, {"action": "postpone_selected", ACTION_CHECKBOX_NAME: [screening.pk], "reason": ""}
    )

    assert response.context["form"].errors == {"reason": ["This field is required."]}
    screening.refresh_from_db()
    assert screening.status == "scheduled"


def test_duplicate_action_copies_the_programme_to_another_date(
    staff_client, make_screening, short, feature
):
    original = make_screening(films=[short, feature], starts_at_dusk=True, capacity=40)
    url = reverse("admin:screenings_screening_changelist")
    selection = {"action": "duplicate_selected", ACTION_CHECKBOX_NAME: [original.pk]}

    response = staff_client.post(url, {**selection, "date": "2031-07-15"})

    copy = Screening.objects.exclude(pk=original.pk).get()
    assert response["Location"] == reverse("admin:screenings_screening_change", args=[copy.pk])
    assert (copy.date, copy.starts_at_dusk, copy.capacity) == (
        datetime.date(2031, 7, 15),
        True,
        40,
    )
    assert copy.programme() == [short, feature]
    assert copy.status == "scheduled"


def test_duplicating_onto_a_taken_evening_is_refused(staff_client, make_screening, feature):
    original = make_screening(films=[feature], date=datetime.date(2030, 7, 1))
    url = reverse("admin:screenings_screening_changelist")

    response = staff_client.post(
        url,
        {"action": "duplicate_selected", ACTION_CHECKBOX_NAME: [original.pk], "date": "2030-07-01"},
    )

    assert (
        response.context["form"]
        .errors["date"][0]
        .startswith(f"{original.venue} already has “{feature.title}” from 8:00 pm")
    )
    assert Screening.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "2030-02-30"),
        ("date", "30/06/2030\x00"),
        ("start_time", "25:61"),
        ("date", "9" * 50),
    ],
)
def test_invalid_dates_and_times_are_form_errors_not_crashes(
    staff_client, fort_greene, short, feature, field, value
):
    data = screening_form(fort_greene, [short, feature], starts_at_dusk="", start_time="21:00")
    data[field] = value

    response = staff_client.post(reverse("admin:screenings_screening_add"), data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    assert not Screening.objects.exists()


def test_a_cancellation_shows_at_once_on_the_pages_visitors_have_cached(
    staff_client, make_screening
):
    screening = make_screening()
    visitor = Client()
    pages = [reverse("screenings:list"), screening.get_absolute_url()]
    for page in pages:
        visitor.get(page)
    assert all(visitor.get(page)["X-Page-Cache"] == "hit" for page in pages)

    staff_client.post(
        reverse("admin:screenings_screening_changelist"),
        {
            "action": "cancel_selected",
            ACTION_CHECKBOX_NAME: [screening.pk],
            "reason": "Thunderstorms.",
        },
    )

    for page in pages:
        response = visitor.get(page)
        assert response["X-Page-Cache"] == "miss", page
        assert "<strong>Cancelled</strong>. Thunderstorms." in response.text, page


def test_changelist_shows_status_and_going_over_capacity_at_a_glance(
    staff_client, make_screening, make_user
):
    full = make_screening(capacity=2)
    RSVP.objects.create(screening=full, user=make_user())
    make_screening(status=Screening.Status.CANCELLED, status_reason="Rain.")

    response = staff_client.get(reverse("admin:screenings_screening_changelist"))

    assert '<td class="field-going">1 / 2</td>' in response.text
    assert '<span class="status-badge status-scheduled">Scheduled</span>' in response.text
    assert '<span class="status-badge status-cancelled">Cancelled</span>' in response.text


def test_changelist_filters_the_called_off(staff_client, make_screening):
    make_screening()
    cancelled = make_screening(status=Screening.Status.CANCELLED, status_reason="Rain.")
    postponed = make_screening(status=Screening.Status.POSTPONED, status_reason="Heat.")

    response = staff_client.get(
        reverse("admin:screenings_screening_changelist"), {"when": "called-off"}
    )

    assert {s.pk for s in response.context["cl"].result_list} == {cancelled.pk, postponed.pk}


def test_add_form_starts_at_the_venue_last_used_on_its_next_free_evening(
    staff_client, make_screening, fort_greene, make_venue
):
    today = timezone.localdate(timezone=fort_greene.tz)
    make_screening(venue=make_venue(), date=today + datetime.timedelta(days=5))
    make_screening(venue=fort_greene, date=today + datetime.timedelta(days=1))
    make_screening(
        venue=fort_greene,
        date=today + datetime.timedelta(days=2),
        status=Screening.Status.CANCELLED,
        status_reason="Rain.",
    )

    response = staff_client.get(reverse("admin:screenings_screening_add"))

    initial = response.context["adminform"].form.initial
    assert initial["venue"] == fort_greene.pk
    assert initial["date"] == today + datetime.timedelta(days=2)  # the cancelled one's evening
    assert initial["starts_at_dusk"] is True
    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert [form.initial for form in rows] == [{"order": 1}, {"order": 2}, {"order": 3}]


def test_a_screenings_blank_programme_rows_are_numbered_after_its_films(
    staff_client, make_screening
):
    screening = make_screening()  # a short (1), then a feature (2)

    response = staff_client.get(reverse("admin:screenings_screening_change", args=[screening.pk]))

    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert [form["order"].value() for form in rows] == [1, 2, 3, 4, 5]


def test_scheduling_from_a_film_puts_it_on_the_programme_after_a_short(
    staff_client, fort_greene, short, feature
):
    url = reverse("admin:screenings_screening_add") + f"?feature={feature.pk}"

    form = staff_client.get(url)
    # The form sent back as it came, with a short chosen in the first row.
    data = screening_form(fort_greene)
    data.update({"items-TOTAL_FORMS": "3", "items-0-order": "1", "items-0-film": str(short.pk)})
    data.update({"items-1-order": "2", "items-1-film": str(feature.pk), "items-2-order": "3"})
    response = staff_client.post(url, data)

    rows = form.context["inline_admin_formsets"][0].formset.forms
    assert [form.initial for form in rows] == [
        {"order": 1},
        {"order": 2, "film": feature.pk},
        {"order": 3},
    ]
    assert response.status_code == 302
    assert Screening.objects.get().programme() == [short, feature]


@pytest.mark.parametrize("feature", ["abc", "999999", "99999999999999999999999", "²"])
def test_a_made_up_feature_leaves_the_programme_empty(staff_client, fort_greene, feature):
    response = staff_client.get(reverse("admin:screenings_screening_add"), {"feature": feature})

    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert [form.initial for form in rows] == [{"order": 1}, {"order": 2}, {"order": 3}]


def dusk_help(response):
    return response.context["adminform"].form.fields["starts_at_dusk"].help_text


def test_add_form_tells_the_dusk_of_the_evening_it_proposes(
    staff_client, make_screening, fort_greene
):
    make_screening(venue=fort_greene, date=timezone.localdate(timezone=fort_greene.tz))
    evening = timezone.localdate(timezone=fort_greene.tz) + datetime.timedelta(days=1)
    dusk = fort_greene.dusk(evening)

    response = staff_client.get(reverse("admin:screenings_screening_add"))

    assert response.context["adminform"].form.initial["date"] == evening
    expected = f"Dusk at Fort Greene Park on {evening:%A %Y-%m-%d}: about {local_clock(dusk)}"
    assert dusk_help(response).startswith(expected)
    assert expected in response.text


def test_add_form_tells_the_dusk_of_an_evening_named_in_the_address(staff_client, fort_greene):
    response = staff_client.get(
        reverse("admin:screenings_screening_add"), {"venue": fort_greene.pk, "date": "2025-06-30"}
    )

    assert dusk_help(response).startswith(
        "Dusk at Fort Greene Park on Monday 2025-06-30: about 9:04 pm (America/New_York)"
    )


def test_add_form_says_when_it_does_not_get_dark(staff_client, make_venue):
    tromso = make_venue(
        name="Tromsø", latitude="69.64920", longitude="18.95532", time_zone="Europe/Oslo"
    )

    response = staff_client.get(
        reverse("admin:screenings_screening_add"), {"venue": tromso.pk, "date": "2030-06-21"}
    )

    assert dusk_help(response).startswith(
        "It does not get dark at Tromsø on Friday 2030-06-21: give a start time."
    )


@pytest.mark.parametrize(("venue", "date"), [("abc", "2030-06-30"), ("1", "30/06/2030x")])
def test_add_form_with_a_made_up_evening_shows_no_dusk(staff_client, fort_greene, venue, date):
    response = staff_client.get(
        reverse("admin:screenings_screening_add"), {"venue": venue, "date": date}
    )

    assert response.status_code == 200
    assert not dusk_help(response).startswith(("Dusk", "It does not"))


def test_a_start_time_typed_with_film_at_dusk_ticked_says_what_to_do(
    staff_client, fort_greene, short, feature
):
    data = screening_form(fort_greene, [short, feature], start_time="20:30")  # dusk ticked

    response = staff_client.post(reverse("admin:screenings_screening_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start_time"] == [
        "Untick “film at dusk” to give a start time, or clear the time."
    ]
    assert errors(response) == ["Untick “film at dusk” to give a start time, or clear the time."]
    assert "Untick “film at dusk” to give a start time, or clear the time." in response.text
    assert not Screening.objects.exists()


def test_neither_a_start_time_nor_film_at_dusk_still_asks_for_one_of_the_two(
    staff_client, fort_greene, short, feature
):
    data = screening_form(fort_greene, [short, feature], starts_at_dusk="")

    response = staff_client.post(reverse("admin:screenings_screening_add"), data)

    assert errors(response) == [
        "Give the film's start time, or tick “film at dusk”: one of the two."
    ]
    assert not Screening.objects.exists()


def test_changelist_shows_the_screenings_to_come_soonest_first_then_the_past_latest_first(
    staff_client, make_screening
):
    """The next screening at the top, where staff look first: far-future ones no longer push
    it down the page (latest first put the end of the season on top). One under way is still to
    come (ScreeningQuerySet.upcoming)."""
    started = timezone.localtime(timezone.now() - datetime.timedelta(minutes=30))
    on_now = make_screening(date=started.date(), start_time=started.time().replace(microsecond=0))
    past = make_screening(date=datetime.date(2025, 6, 30))
    older = make_screening(date=datetime.date(2025, 5, 1))
    far = make_screening(date=datetime.date(2031, 1, 1))
    sooner = make_screening(date=datetime.date(2030, 7, 1))
    later = make_screening(date=datetime.date(2030, 8, 1))

    response = staff_client.get(reverse("admin:screenings_screening_changelist"))

    shown = [s.pk for s in response.context["cl"].result_list]
    assert shown == [on_now.pk, sooner.pk, later.pk, far.pk, past.pk, older.pk]
    text = response.text
    assert (
        text.index("2030-07-01")
        < text.index("2030-08-01")
        < text.index("2031-01-01")
        < text.index("2025-06-30")
        < text.index("2025-05-01")
    )


def test_changelist_marks_no_column_sorted_until_one_is_clicked(staff_client, make_screening):
    dates = [datetime.date(2030, 8, 1), datetime.date(2025, 6, 30), datetime.date(2030, 7, 1)]
    screenings = [make_screening(date=day) for day in dates]
    url = reverse("admin:screenings_screening_changelist")

    first = staff_client.get(url)
    latest_first = staff_client.get(url, {"o": "-1"})  # the date column, descending

    assert " sorted " not in first.text  # "starts" was marked ascending, which it is not
    shown = [s.pk for s in latest_first.context["cl"].result_list]
    assert shown == [screenings[0].pk, screenings[2].pk, screenings[1].pk]
    assert 'class="sortable column-date sorted descending"' in latest_first.text


@pytest.mark.parametrize("rows", [1, 3])
def test_changelist_costs_as_many_queries_whatever_its_rows(
    staff_client, make_screening, django_assert_num_queries, rows
):
    for number in range(rows):
        make_screening(date=datetime.date(2025 + 4 * (number % 2), 7, 1 + number))
    url = reverse("admin:screenings_screening_changelist")
    staff_client.get(url)  # the session and the site's first reads, as on any later page

    # the session, the staff member, the venue filter's venues, the counts (found, in all),
    # the rows, their programmes, and the date hierarchy's range and years
    with django_assert_num_queries(9):
        response = staff_client.get(url)

    assert len(response.context["cl"].result_list) == rows


def messages_of(response):
    """The messages the next page shows, as staff read them (without their links)."""
    return [strip_tags(str(message)) for message in get_messages(response.wsgi_request)]


def test_a_new_screening_in_the_past_is_saved_for_the_archive_with_a_warning(
    staff_client, fort_greene, feature, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:screenings_screening_add"),
            screening_form(fort_greene, [feature], date="2025-06-30"),
        )

    screening = Screening.objects.get()
    assert response.status_code == 302
    assert list(Screening.objects.past()) == [screening]
    assert messages_of(response) == [
        f"“{screening}” is in the past: it is listed in Past screenings and takes no RSVPs. "
        "No member is told of it: no announcement, no reminder.",
        f"The screening “{screening}” was added successfully.",
    ]
    assert not DBTaskResult.objects.exists()  # nothing queued: no announcement, no mail
    RSVP.objects.create(screening=screening, user=make_user())
    assert screening not in due()  # nor a reminder to come


def test_a_new_screening_to_come_gets_no_warning_and_is_announced(
    staff_client, fort_greene, feature, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:screenings_screening_add"), screening_form(fort_greene, [feature])
        )

    assert messages_of(response) == [
        f"The screening “{Screening.objects.get()}” was added successfully."
    ]
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "notifications.tasks.screening_announced"


def test_moving_a_screening_into_the_past_warns_and_tells_nobody_going(
    staff_client,
    make_screening,
    fort_greene,
    feature,
    make_user,
    django_capture_on_commit_callbacks,
):
    screening = make_screening(venue=fort_greene, films=[feature], date=datetime.date(2030, 7, 1))
    RSVP.objects.create(screening=screening, user=make_user())
    data = change_form(screening, date="2025-06-30")
    data.update({"rsvps-TOTAL_FORMS": "1", "rsvps-INITIAL_FORMS": "1"})
    data.update({"rsvps-0-id": str(screening.rsvps.get().pk), "rsvps-0-screening": screening.pk})
    url = reverse("admin:screenings_screening_change", args=[screening.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)

    screening.refresh_from_db()
    assert response.status_code == 302
    assert screening.date == datetime.date(2025, 6, 30)
    assert messages_of(response)[0] == (
        f"“{screening}” is in the past: it is listed in Past screenings and takes no RSVPs. "
        "Members going are not told of the new time, nor reminded."
    )
    assert not DBTaskResult.objects.exists()  # no "New time" task for the member going


def test_editing_a_past_screening_without_moving_it_gives_no_warning(
    staff_client, make_screening, fort_greene, feature
):
    screening = make_screening(venue=fort_greene, films=[feature], date=datetime.date(2025, 6, 30))
    data = change_form(
        screening, date="2025-06-30", starts_at_dusk="", start_time="20:00", capacity="40"
    )
    url = reverse("admin:screenings_screening_change", args=[screening.pk])

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert messages_of(response) == [f"The screening “{screening}” was changed successfully."]


def test_duplicating_to_a_past_date_warns(staff_client, make_screening, feature):
    original = make_screening(films=[feature], date=datetime.date(2030, 7, 1))
    url = reverse("admin:screenings_screening_changelist")
    selection = {"action": "duplicate_selected", ACTION_CHECKBOX_NAME: [original.pk]}

    response = staff_client.post(url, {**selection, "date": "2025-06-30"})

    copy = Screening.objects.exclude(pk=original.pk).get()
    assert messages_of(response) == [
        f"Duplicated to 2025-06-30: {copy}.",
        f"“{copy}” is in the past: it is listed in Past screenings and takes no RSVPs. "
        "No member is told of it: no announcement, no reminder.",
    ]


def test_a_screening_saved_once_under_way_is_said_to_be_on_now(make_screening):
    started = timezone.localtime(timezone.now() - datetime.timedelta(minutes=30))
    under_way = make_screening(date=started.date(), start_time=started.time())

    assert past_start_warning(under_way) == (
        f"“{under_way}” has already started: it shows as on now until its programme has run. "
        "No member is told of it: no announcement, no reminder."
    )
    assert past_start_warning(make_screening()) is None  # one to come: nothing to say


def test_a_rain_date_before_the_screening_is_refused_on_the_rain_date_field(
    staff_client, fort_greene, feature
):
    data = screening_form(fort_greene, [feature], rain_date="2030-06-29")  # the day before

    response = staff_client.post(reverse("admin:screenings_screening_add"), data)

    form = response.context["adminform"].form
    assert form.errors["rain_date"] == ["The rain date must be after the screening's date."]
    assert not form.non_field_errors()
    assert "a later day than the screening's" not in response.text
    assert not Screening.objects.exists()


def test_a_rain_date_on_the_screenings_own_day_is_refused_too(staff_client, fort_greene, feature):
    data = screening_form(fort_greene, [feature], rain_date="2030-06-30")

    response = staff_client.post(reverse("admin:screenings_screening_add"), data)

    assert errors(response) == ["The rain date must be after the screening's date."]


def test_an_action_page_says_its_heading_once(staff_client, make_screening):
    screening = make_screening()
    data = {"action": "make_the_call", ACTION_CHECKBOX_NAME: [screening.pk]}

    asked = staff_client.post(reverse("admin:screenings_screening_changelist"), data)

    assert asked.text.count("Make the rain call</h1>") == 1
    assert asked.text.count("Make the rain call") == 2  # the heading and the page's <title>
