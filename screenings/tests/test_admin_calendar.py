"""The screening changelist's waitlist column and the admin's calendar of the season."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from screenings.attendance import RSVP, WaitlistEntry
from screenings.models import Screening

CALENDAR = "admin:screenings_screening_calendar"


def full_with_waitlist(make_screening, make_user, *, waiting, **fields):
    screening = make_screening(capacity=1, **fields)
    RSVP.objects.create(screening=screening, user=make_user())
    for _ in range(waiting):
        WaitlistEntry.objects.create(screening=screening, user=make_user())
    return screening


def test_changelist_shows_how_many_are_waiting(staff_client, make_screening, make_user):
    full_with_waitlist(make_screening, make_user, waiting=2)
    make_screening()

    response = staff_client.get(reverse("admin:screenings_screening_changelist"))

    cells = response.text.count('<td class="field-waiting">')
    assert cells == 2
    assert '<td class="field-waiting">2</td>' in response.text
    assert '<td class="field-waiting">0</td>' in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_changelist_query_count_is_constant(
    staff_client, make_screening, make_user, count, django_assert_num_queries
):
    for _ in range(count):
        full_with_waitlist(make_screening, make_user, waiting=2)

    with django_assert_num_queries(9):
        response = staff_client.get(reverse("admin:screenings_screening_changelist"))

    assert len(response.context["cl"].result_list) == count


def test_changelist_links_to_the_calendar(staff_client, make_screening):
    response = staff_client.get(reverse("admin:screenings_screening_changelist"))

    assert f'<a href="{reverse(CALENDAR)}">Calendar of the season</a>' in response.text


def test_calendar_lists_each_days_screenings_with_status_and_going(
    staff_client, make_screening, make_user, make_film
):
    full = full_with_waitlist(
        make_screening,
        make_user,
        waiting=1,
        films=[make_film(title="Comrades")],
        date=datetime.date(2030, 6, 14),
    )
    cancelled = make_screening(
        films=[make_film(title="Irma Vep")],
        date=datetime.date(2030, 6, 28),
        status=Screening.Status.CANCELLED,
        status_reason="Rain.",
    )
    make_screening(films=[make_film(title="In July")], date=datetime.date(2030, 7, 2))

    response = staff_client.get(reverse(CALENDAR), {"month": "2030-06"})

    days = {
        day: [screening.title for screening in screenings]
        for week in response.context["weeks"]
        for day, _in_month, screenings in week
        if screenings
    }
    assert days == {
        datetime.date(2030, 6, 14): ["Comrades"],
        datetime.date(2030, 6, 28): ["Irma Vep"],
    }
    html = response.text
    assert reverse("admin:screenings_screening_change", args=[full.pk]) in html
    assert reverse("admin:screenings_screening_change", args=[cancelled.pk]) in html
    assert '<span class="status-badge status-cancelled">Cancelled</span>' in html
    assert "1\n                  / 1 going,\n                  1 waiting" in html
    assert "2 screenings in June 2030" in html


def test_calendar_weeks_start_on_monday_and_cover_the_month(staff_client):
    response = staff_client.get(reverse(CALENDAR), {"month": "2030-06"})

    weeks = response.context["weeks"]
    assert weeks[0][0][0] == datetime.date(2030, 5, 27)  # the Monday before 1 June
    assert weeks[-1][-1][0] == datetime.date(2030, 6, 30)  # a Sunday
    in_june = [day for week in weeks for day, in_month, _ in week if in_month]
    assert (in_june[0], in_june[-1], len(in_june)) == (
        datetime.date(2030, 6, 1),
        datetime.date(2030, 6, 30),
        30,
    )


def test_calendar_goes_to_the_months_either_side(staff_client):
    response = staff_client.get(reverse(CALENDAR), {"month": "2030-01"})

    assert '<a href="?month=2029-12" rel="prev">' in response.text
    assert '<a href="?month=2030-02" rel="next">' in response.text


@pytest.mark.parametrize("month", ["June", "2030-13", "0000-01", "9999-12", "2030-06-01x"])
def test_a_month_that_is_no_month_shows_this_month_and_says_so(staff_client, month):
    response = staff_client.get(reverse(CALENDAR), {"month": month})

    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert "this month is shown" in messages[0]


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_query_count_is_constant(
    staff_client, make_screening, make_user, count, django_assert_num_queries
):
    for day in range(count):
        full_with_waitlist(
            make_screening, make_user, waiting=1, date=datetime.date(2030, 6, 10 + day)
        )

    with django_assert_num_queries(4):
        response = staff_client.get(reverse(CALENDAR), {"month": "2030-06"})

    assert response.context["screening_count"] == count


def test_calendar_is_for_staff_who_may_view_screenings(client, make_user):
    visitor_response = client.get(reverse(CALENDAR))
    staff = make_user(is_staff=True)
    client.force_login(staff)
    refused = client.get(reverse(CALENDAR))
    staff.user_permissions.set(Permission.objects.filter(codename="view_screening"))
    allowed = client.get(reverse(CALENDAR))

    assert visitor_response.status_code == 302  # to the sign-in page
    assert refused.status_code == 403
    assert allowed.status_code == 200
    assert "Add screening" not in allowed.text
