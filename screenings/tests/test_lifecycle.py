"""A screening's life as members see it: what is on until its programme has run
(querysets.has_ended), then past everywhere; a called-off screening offers nothing to press; the
rain call is made on the screening's day only."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from screenings.clock import day_word
from screenings.not_going import not_going_path
from screenings.raincall import call_to_come, make_call
from screenings.rsvps import join_waitlist, take_rsvp


@pytest.fixture
def park(make_venue):
    return make_venue(name="Fort Greene Park", rain_call_time=datetime.time(13, 0))


@pytest.fixture
def ended(make_screening, park):
    """A screening that began two and a half hours ago: its programme (2 h 11 min) has run."""
    began = (timezone.now() - datetime.timedelta(hours=2, minutes=30)).astimezone(park.tz)
    return make_screening(venue=park, date=began.date(), start_time=began.time())


def test_an_ended_screening_is_shown_as_past_without_rsvp_nor_rain_call(
    ended, make_member, signed_in
):
    client = signed_in(make_member())

    page = client.get(ended.get_absolute_url()).text

    assert '<p class="kicker">Past screening</p>' in page
    assert "I’m going</button>" not in page
    assert 'class="rain-call"' not in page


def test_an_ended_screening_refuses_an_rsvp(ended, make_member, signed_in):
    member = make_member()

    answer = signed_in(member).post(reverse("screenings:rsvp", args=[ended.slug]), follow=True)

    assert [str(message) for message in answer.context["messages"]] == [
        "This screening is not taking RSVPs."
    ]
    assert not ended.rsvps.filter(user=member).exists()


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
@pytest.mark.parametrize("action", ["screenings:rsvp", "screenings:waitlist"])
def test_a_refused_rsvp_says_the_screening_was_called_off(
    make_screening, make_member, signed_in, status, action
):
    called_off = make_screening(status=status, status_reason="Rain.")
    member = make_member()

    answer = signed_in(member).post(reverse(action, args=[called_off.slug]), follow=True)

    assert [str(message) for message in answer.context["messages"]] == [
        f"This screening was {status}, so it is not taking RSVPs."
    ]
    assert not called_off.rsvps.filter(user=member).exists()


def test_the_home_page_and_the_lists_leave_an_ended_screening_behind(
    client, ended, make_screening, park
):
    tomorrow = make_screening(venue=park, date=ended.date + datetime.timedelta(days=1))

    home = client.get("/")
    what_is_on = client.get(reverse("screenings:list"))
    archive = client.get(reverse("screenings:past"))

    assert home.context["programme"].next_screening == tomorrow
    assert list(what_is_on.context["screenings"]) == [tomorrow]
    assert list(archive.context["screenings"]) == [ended]


def test_a_screening_under_way_is_still_on(client, make_screening, park):
    began = (timezone.now() - datetime.timedelta(hours=1)).astimezone(park.tz)
    under_way = make_screening(venue=park, date=began.date(), start_time=began.time())

    page = client.get(under_way.get_absolute_url()).text

    assert list(client.get(reverse("screenings:list")).context["screenings"]) == [under_way]
    assert '<p class="kicker">Past screening</p>' not in page


@pytest.mark.parametrize(
    ("starts", "word"),
    [
        (datetime.time(4, 0), "Today"),
        (datetime.time(16, 59), "Today"),
        (datetime.time(17, 0), "Tonight"),
        (datetime.time(23, 30), "Tonight"),
    ],
)
def test_today_unless_the_film_starts_in_the_evening(park, starts, word):
    day = datetime.date(2030, 7, 1)
    now = datetime.datetime.combine(day, datetime.time(1, 0), tzinfo=park.tz)

    assert day_word(datetime.datetime.combine(day, starts, tzinfo=park.tz), now) == word


@pytest.mark.parametrize(
    ("status", "banner"),
    [
        ("cancelled", "<strong>Cancelled</strong>. The projector broke."),
        ("postponed", "<strong>Postponed</strong>: new date to be announced. The projector broke."),
    ],
)
def test_the_mail_link_of_a_called_off_screening_says_so_and_offers_nothing(
    make_screening, make_member, status, banner
):
    screening = make_screening()
    member = make_member()
    take_rsvp(screening=screening, user=member)
    screening.status, screening.status_reason = status, "The projector broke."
    screening.save()
    path = not_going_path(member.pk, screening.pk)

    asked = Client().get(path).text
    pressed = Client().post(path).text

    for page in (asked, pressed):
        assert banner in page
        assert f"This screening is {status}, so there is no place to give back." in page
        assert "<button" not in page.split("<main", 1)[1]
    assert screening.rsvps.filter(user=member).exists()


def test_the_mail_link_of_an_ended_screening_offers_nothing(ended, make_member):
    member = make_member()
    ended.rsvps.create(user=member)

    page = Client().get(not_going_path(member.pk, ended.pk)).text

    assert "This screening has already taken place" in page
    assert "<button" not in page.split("<main", 1)[1]


def test_a_cancelled_screenings_page_shows_no_going_count_nor_verdict(
    client, make_screening, make_member
):
    screening = make_screening()
    take_rsvp(screening=screening, user=make_member())
    screening.status, screening.status_reason = "cancelled", "Rain."
    screening.save()

    page = client.get(screening.get_absolute_url()).text

    assert "<strong>Cancelled</strong>" in page
    assert " going" not in page
    assert "The audience’s verdict" not in page


def test_a_rain_call_before_the_day_is_refused(make_screening, park, make_member, mailing):
    screening = make_screening(venue=park, date=timezone.now().date() + datetime.timedelta(183))
    take_rsvp(screening=screening, user=make_member())

    with pytest.raises(ValidationError) as error:
        make_call(screening, call="go")

    day = screening.date
    assert error.value.messages == [
        f"{screening}: the rain call is made on the day of the screening "
        f"({day:%A}, {day:%B} {day.day}), not before."
    ]
    screening.refresh_from_db()
    assert screening.rain_call == ""
    assert mail.outbox == []


def test_a_rain_call_after_the_screening_has_ended_is_refused(ended):
    with pytest.raises(ValidationError) as error:
        make_call(ended, call="cancelled")

    assert error.value.messages == [f"{ended} has ended: there is no rain call to make."]
    ended.refresh_from_db()
    assert ended.status == "scheduled"


def test_staff_are_told_in_the_admin_why_a_call_before_the_day_is_refused(
    make_screening, park, staff_user, signed_in
):
    screening = make_screening(venue=park, date=timezone.now().date() + datetime.timedelta(183))
    url = reverse("admin:screenings_screening_changelist")
    data = {"action": "make_the_call", "_selected_action": [screening.pk], "call": "go"}

    done = signed_in(staff_user).post(url, {**data, "reason": ""}, follow=True)

    assert "the rain call is made on the day of the screening" in done.text
    screening.refresh_from_db()
    assert screening.rain_call == ""


def test_a_screening_begun_more_than_a_day_ago_is_past_without_reading_its_programme(
    make_screening, park, django_assert_num_queries
):
    """No programme runs longer than LONGEST_PROGRAMME: the archive's and the lists' old
    screenings are past by their start alone, found by its index."""
    old = make_screening(venue=park, date=timezone.localdate() - datetime.timedelta(days=2))
    old = type(old).objects.get(pk=old.pk)  # nothing of its programme fetched

    with django_assert_num_queries(0):
        assert old.is_past

    assert list(type(old).objects.past()) == [old]
    assert list(type(old).objects.upcoming()) == []


def answers(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
@pytest.mark.parametrize("action", ["screenings:rsvp", "screenings:waitlist"])
def test_a_member_going_who_answers_from_an_old_tab_is_told_it_was_called_off(
    make_screening, make_member, signed_in, status, action
):
    screening = make_screening()
    member = make_member()
    take_rsvp(screening=screening, user=member)
    screening.status, screening.status_reason = status, "Rain."
    screening.save()

    answer = signed_in(member).post(reverse(action, args=[screening.slug]), follow=True)

    assert answers(answer) == [f"This screening was {status}, so it is not taking RSVPs."]
    assert "You are going. See you there!" not in answer.text
    assert f"<strong>{status.title()}</strong>" in answer.text


def test_a_member_waiting_who_answers_from_an_old_tab_is_told_it_was_cancelled(
    make_screening, make_member, signed_in
):
    screening = make_screening(capacity=1)
    take_rsvp(screening=screening, user=make_member())
    member = make_member()
    join_waitlist(screening=screening, user=member)
    screening.status, screening.status_reason = "cancelled", "Rain."
    screening.save()

    answer = signed_in(member).post(
        reverse("screenings:waitlist", args=[screening.slug]), follow=True
    )

    assert answers(answer) == ["This screening was cancelled, so it is not taking RSVPs."]
    assert "You are on the waitlist" not in answer.text


def test_a_member_going_who_answers_after_the_screening_has_ended_is_not_told_they_are_going(
    ended, make_member, signed_in
):
    member = make_member()
    ended.rsvps.create(user=member)

    answer = signed_in(member).post(reverse("screenings:rsvp", args=[ended.slug]), follow=True)

    assert answers(answer) == ["This screening is not taking RSVPs."]
    assert "You are going. See you there!" not in answer.text


@pytest.fixture
def under_way(make_screening, park):
    """A screening that began an hour ago: its programme (2 h 11 min) is still running."""
    began = (timezone.now() - datetime.timedelta(hours=1)).astimezone(park.tz)
    return make_screening(venue=park, date=began.date(), start_time=began.time())


def test_a_screening_under_way_says_it_is_on_now(client, under_way, make_screening, park):
    later = make_screening(venue=park, date=under_way.date + datetime.timedelta(days=1))

    page = client.get(under_way.get_absolute_url()).text
    listed = client.get(reverse("screenings:list")).text
    film_page = client.get(under_way.feature.get_absolute_url()).text
    later_page = client.get(later.get_absolute_url()).text

    assert '<p class="kicker">On now</p>' in page
    assert listed.count('<p class="kicker on-now">On now</p>') == 1
    assert listed.index("On now") < listed.index(under_way.get_absolute_url())
    assert "Next screening: <strong>On now</strong>" in film_page
    assert "On now" not in later_page


def test_on_now_is_said_of_a_screening_under_way_only(park):
    starts = datetime.datetime(2030, 7, 1, 21, 0, tzinfo=park.tz)

    assert day_word(starts, starts, under_way=True) == "On now"
    assert day_word(starts, starts - datetime.timedelta(minutes=1)) == "Tonight"


def test_a_screening_called_off_while_under_way_is_not_on_now(client, under_way):
    under_way.status, under_way.status_reason = "cancelled", "A storm."
    under_way.save()

    page = client.get(under_way.get_absolute_url()).text
    listed = client.get(reverse("screenings:list")).text

    assert "On now" not in page
    assert "On now" not in listed


def test_a_latecomer_may_still_say_they_are_going(under_way, make_member, signed_in):
    member = make_member()

    answer = signed_in(member).post(reverse("screenings:rsvp", args=[under_way.slug]), follow=True)

    assert answers(answer) == ["You are going. See you there!"]
    assert '<p class="kicker">On now</p>' in answer.text
    assert under_way.rsvps.filter(user=member).exists()


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_member_going_reads_on_the_called_off_page_that_they_had_said_they_would_come(
    make_screening, make_member, signed_in, status
):
    screening = make_screening()
    member, other = make_member(), make_member()
    take_rsvp(screening=screening, user=member)
    screening.status, screening.status_reason = status, "Rain."
    screening.save()

    page = signed_in(member).get(screening.get_absolute_url()).text
    others_page = signed_in(other).get(screening.get_absolute_url()).text

    going = page.split('<section id="going"', 1)[1].split("</section>", 1)[0]
    assert "<p>You had said you would come.</p>" in going
    assert "<button" not in going
    assert "I can’t go after all" not in page
    assert 'id="going"' not in others_page
    assert "You had said" not in others_page


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_called_off_page_says_nothing_of_the_weather(client, make_screening, make_venue, status):
    venue = make_venue(
        rain_call_time=datetime.time(13, 0), weather_policy="We decide.", directions="By the gate."
    )
    screening = make_screening(venue=venue, date=datetime.date(2030, 7, 10))
    screening.status, screening.status_reason = status, "The park is closed."
    screening.save()

    page = client.get(screening.get_absolute_url()).text

    assert "By the gate." in page  # the visit is still told
    assert "If it rains" not in page
    assert "Decision at" not in page
    assert "We decide." not in page


def test_a_screening_under_way_says_no_decision_is_to_come(client, under_way, park):
    park.weather_policy = "We decide."
    park.save()
    before = under_way.starts_at - datetime.timedelta(minutes=1)

    page = client.get(under_way.get_absolute_url()).text

    assert "We decide." in page
    assert "Decision at" not in page
    assert call_to_come(under_way) is False
    assert call_to_come(under_way, before) is True
