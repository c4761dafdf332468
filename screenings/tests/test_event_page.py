"""The screening's page as an event page: past screenings read as past; today's and tomorrow's
say so; the feature, the end time, the visit and both calendar links are there."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from films.models import Film
from screenings.attendance import RSVP
from screenings.rsvps import join_waitlist, take_rsvp
from screenings.tests.test_views import jsonld


def venue_today(venue):
    return timezone.now().astimezone(venue.tz).date()


def test_a_past_screening_reads_as_past(client, make_screening, make_user):
    screening = make_screening(date=datetime.date(2020, 7, 1))

    response = client.get(screening.get_absolute_url())

    assert '<p class="kicker">Past screening</p>' in response.text
    assert "Add to calendar" not in response.text
    assert "Add to Google Calendar" not in response.text
    assert "I’m going" not in response.text
    assert 'id="going"' not in response.text  # not even “0 going”
    assert jsonld(response)["offers"]["availability"] == "https://schema.org/Discontinued"


def test_a_past_screening_says_how_many_said_they_were_going(client, make_screening, make_user):
    screening = make_screening(date=datetime.date(2020, 7, 1))
    for _ in range(3):
        RSVP.objects.create(screening=screening, user=make_user())

    response = client.get(screening.get_absolute_url())

    assert "<p>3 members said they were going.</p>" in response.text


def test_an_upcoming_screening_offers_places(client, make_screening):
    response = client.get(make_screening().get_absolute_url())

    assert jsonld(response)["offers"]["availability"] == "https://schema.org/InStock"


@pytest.mark.parametrize(("days", "word"), [(0, "Tonight"), (1, "Tomorrow"), (2, "Screening")])
def test_tonight_and_tomorrow(before_tonight, client, make_screening, fort_greene, days, word):
    screening = make_screening(
        venue=fort_greene,
        date=venue_today(fort_greene) + datetime.timedelta(days=days),
        start_time=datetime.time(23, 30),
    )

    response = client.get(screening.get_absolute_url())

    assert f'<p class="kicker">{word}</p>' in response.text


def test_the_page_shows_the_feature_the_end_and_the_visit(
    client, make_screening, make_film, make_venue
):
    feature = make_film(
        title="Comrades", kind=Film.Kind.FEATURE, runtime_minutes=116, synopsis="Two migrants."
    )
    short = make_film(title="Lion", kind=Film.Kind.SHORT, runtime_minutes=14)
    venue = make_venue(
        directions="By the monument.",
        transit="G to Fulton St.",
        what_to_bring="A blanket.",
        house_rules="No smoking.",
        accessibility="Step-free from DeKalb.",
    )
    screening = make_screening(venue=venue, films=[short, feature], start_time=datetime.time(20, 0))

    text = client.get(screening.get_absolute_url()).text

    assert f'<h3><a href="{feature.get_absolute_url()}">Comrades</a> (2000)</h3>' in text
    assert "<p>Two migrants.</p>" in text
    assert "film at 8:00 pm · ends about <time datetime=" in text
    assert ">10:10 pm</time></p>" in text
    for term, fact in [
        ("Finding us", "By the monument."),
        ("Getting there", "G to Fulton St."),
        ("What to bring", "A blanket."),
        ("House rules", "No smoking."),
        ("Accessibility", "Step-free from DeKalb."),
    ]:
        assert f"<dt>{term}</dt><dd>{fact}</dd>" in text


def test_an_empty_visit_section_is_left_out(client, make_screening):
    text = client.get(make_screening().get_absolute_url()).text

    assert "Your visit" not in text


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_called_off_screening_offers_nothing_to_add_to_a_calendar(
    client, make_screening, fort_greene, make_user, status
):
    screening = make_screening(
        venue=fort_greene,
        date=datetime.date(2030, 7, 1),
        status=status,
        status_reason="The lawn is being reseeded.",
    )
    staff = make_user(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="add_checkin"))
    client.force_login(staff)

    text = client.get(screening.get_absolute_url()).text

    assert "The lawn is being reseeded." in text
    assert "Add to calendar (.ics)" not in text
    assert "Add to Google Calendar" not in text
    assert "Check-in QR code to print" not in text


def test_add_to_google_calendar_beside_the_ics(client, make_screening, fort_greene):
    screening = make_screening(
        venue=fort_greene, date=datetime.date(2030, 7, 1), start_time=datetime.time(20, 0)
    )

    text = client.get(screening.get_absolute_url()).text

    [link] = re.findall(r'href="(https://calendar\.google\.com/[^"]+)"', text)
    assert link.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&amp;")
    assert "dates=20300702T000000Z%2F20300702T021100Z" in link
    assert "ctz=America%2FNew_York" in link
    assert (
        f'download>Add to calendar (.ics)</a> · <a href="{link}" rel="external">'
        "Add to Google Calendar</a>"
    ) in text


@pytest.mark.parametrize("members", [1, 3])
def test_screening_page_for_a_member_query_count_is_constant(
    make_screening, make_user, signed_in, members, django_assert_num_queries
):
    screening = make_screening(capacity=members)
    for _ in range(members):
        take_rsvp(screening=screening, user=make_user())
    member = make_user()
    join_waitlist(screening=screening, user=member)
    client = signed_in(member)

    # session, user, screening, items, directors, going?, place in the queue, the four of the
    # seasons' parts (check-in and the audience's verdict) and the reviews by those who were there
    with django_assert_num_queries(12):
        response = client.get(screening.get_absolute_url())

    assert response.context["waitlist_position"] == 1


def test_lists_never_say_a_past_screening_had_0_going(client, make_screening, make_user):
    """The past screenings' list, the home page's latest screening and the site search's
    screenings: a past one tells how many said they would come, or nothing; never "0 going"."""
    quiet = make_screening(date=datetime.date(2020, 7, 1))
    busy = make_screening(date=datetime.date(2020, 7, 8))
    for _ in range(2):
        RSVP.objects.create(screening=busy, user=make_user())

    pages = [
        client.get("/screenings/past/").text,
        client.get("/").text,
        client.get("/search/", {"q": quiet.title}).text,
    ]

    for text in pages:
        assert "0 going" not in text
    assert "2 said they would come" in pages[0]


def test_lists_say_how_many_are_going_to_a_screening_to_come(client, make_screening, make_user):
    screening = make_screening()  # in 2030
    RSVP.objects.create(screening=screening, user=make_user())

    assert "· 1 going</p>" in client.get("/screenings/").text
