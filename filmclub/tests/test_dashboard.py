"""The admin's index opens on what needs staff (filmclub/dashboard.py)."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from filmclub.models import SeedFile
from notifications.models import Kind, Notification
from screenings.attendance import RSVP
from screenings.models import ProgrammeItem, Screening


def screening_in(days, *, film, venue, capacity=None):
    screening = Screening.objects.create(
        venue=venue,
        date=timezone.localdate(timezone=venue.tz) + datetime.timedelta(days=days),
        start_time=datetime.time(20, 0),
        capacity=capacity,
    )
    ProgrammeItem.objects.create(screening=screening, film=film, order=1)
    return screening


def test_dashboard_lists_the_fortnights_screenings_with_who_is_going(
    client, staff_user, fort_greene, make_film, make_user
):
    soon = screening_in(3, film=make_film(title="Comrades"), venue=fort_greene, capacity=40)
    RSVP.objects.create(screening=soon, user=make_user())
    screening_in(20, film=make_film(title="Irma Vep"), venue=fort_greene)
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


def failed_mail(recipient, *, days_ago, state=Notification.Mail.FAILED):
    number = next(_numbers)
    return Notification.objects.create(
        recipient=recipient,
        kind=Kind.COMMENT,
        target_type=ContentType.objects.get_for_model(recipient),
        target_id=recipient.pk,
        subject=f"A comment on your review {number}",
        text="A comment.",
        url="/",
        key=f"test:{number}",
        mail_state=state,
        mail_attempts=5,
        next_attempt_at=timezone.now() - datetime.timedelta(days=days_ago),
        mail_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )


def failed_task(*, days_ago):
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    return DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="notifications.tasks.comment_posted",
        backend_name="default",
        run_after=finished,
        finished_at=finished,
        exception_class_path="builtins.RuntimeError",
        traceback="RuntimeError: boom",
    )


_numbers = itertools.count(1)


def test_dashboard_counts_the_weeks_failed_mail_and_links_to_it(client, staff_user, make_user):
    member = make_user()
    recent = failed_mail(member, days_ago=2)
    failed_mail(member, days_ago=9)
    failed_mail(member, days_ago=1, state=Notification.Mail.SENT)
    failed_mail(member, days_ago=1, state=Notification.Mail.PENDING)
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))
    link = response.context["failed_mail_url"]
    listed = client.get(link)

    assert "Mail in the last 7 days" in response.text
    assert f'<a href="{escape(link)}">1 mail failed</a>' in response.text
    assert [row.pk for row in listed.context["cl"].result_list] == [recent.pk]


def test_dashboard_counts_the_weeks_failed_tasks_and_links_to_them(client, staff_user):
    recent = failed_task(days_ago=1)
    failed_task(days_ago=8)
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))
    link = response.context["failed_tasks_url"]
    listed = client.get(link)

    assert response.context["failed_tasks"] == 1
    assert "1 background task\n          failed</a> (each with its traceback)" in response.text
    assert [row.pk for row in listed.context["cl"].result_list] == [recent.pk]


def test_dashboard_says_when_no_mail_failed(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"))

    assert ">0 mails failed</a>" in response.text
    assert "retries used up" not in response.text


def test_mail_failures_are_for_staff_who_may_see_the_notifications(client, make_user):
    failed_mail(make_user(), days_ago=1)
    editor = make_user(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename="view_screening"))
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    assert response.context["failed_mail"] is None
    assert "Mail in the last" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_is_constant(
    client, staff_user, make_user, fort_greene, make_film, count, django_assert_num_queries
):
    for days in range(count):
        failed_mail(make_user(), days_ago=days)
        failed_task(days_ago=days)
        screening_in(days + 1, film=make_film(), venue=fort_greene)
    client.force_login(staff_user)

    with django_assert_num_queries(10):
        response = client.get(reverse("admin:index"))

    assert (response.context["failed_mail"], len(response.context["screenings"])) == (count, count)
