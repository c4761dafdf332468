import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from films.models import Film
from reviews.models import Review
from screenings.attendance import RSVP
from screenings.models import Screening


def jsonld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, flags=re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def og(response, prop):
    match = re.search(rf'<meta property="og:{prop}" content="([^"]*)">', response.text)
    return match.group(1)


def test_whats_on_is_soonest_first_grouped_by_month(client, make_screening):
    august = make_screening(date=datetime.date(2030, 8, 2))
    july_late = make_screening(date=datetime.date(2030, 7, 20))
    july_early = make_screening(date=datetime.date(2030, 7, 5))
    make_screening(date=datetime.date(2020, 7, 5))

    response = client.get(reverse("screenings:list"))

    months = [
        (month.strftime("%B %Y"), [s.pk for s in items])
        for month, items in response.context["months"]
    ]
    assert months == [
        ("July 2030", [july_early.pk, july_late.pk]),
        ("August 2030", [august.pk]),
    ]
    assert '<h2 id="month-2030-07">July 2030</h2>' in response.text


def test_archive_is_newest_first(client, make_screening):
    older = make_screening(date=datetime.date(2019, 7, 5))
    newer = make_screening(date=datetime.date(2020, 7, 5))
    make_screening(date=datetime.date(2030, 7, 5))

    response = client.get(reverse("screenings:past"))

    assert [s.pk for s in response.context["screenings"]] == [newer.pk, older.pk]


def test_a_screening_is_shown_in_new_york_time_whatever_the_server_zone(client, settings, seeded):
    settings.TIME_ZONE = "Asia/Tokyo"
    screening = Screening.objects.get(slug="2025-06-30-fort-greene-park")

    page = client.get(screening.get_absolute_url()).text
    archive = client.get(reverse("screenings:past")).text

    assert (
        '<time datetime="2025-06-30T21:04:00-04:00">Monday, June 30, 2025</time> · '
        "sunset 8:31 pm · film when dark, about 9:04 pm · ends about "
        '<time datetime="2025-06-30T23:40:00-04:00">11:40 pm</time>'
    ) in page
    assert (
        '<time datetime="2025-06-30T21:04:00-04:00">Monday, June 30, 2025</time> · '
        "film when dark, about 9:04 pm"
    ) in archive


def test_screening_page_shows_programme_venue_note_and_calendar_link(client, seeded):
    response = client.get(reverse("screenings:detail", args=["2025-06-30-fort-greene-park"]))
    text = response.text

    programme = text.split('<ol class="programme">')[1].split("</ol>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', programme) == [
        ("/films/to-become-a-lion/", "To Become a Lion"),
        ("/films/comrades-almost-a-love-story/", "Comrades: Almost a Love Story"),
    ]
    assert "short · David Ma" in programme
    assert (
        '<a href="https://www.openstreetmap.org/?mlat=40.69137&amp;mlon=-73.97545#map=17/'
        '40.69137/-73.97545" rel="external">map (OpenStreetMap)</a>'
    ) in text
    assert '<h2 id="note-heading">Programme note</h2>' in text
    assert "going" not in text.split('<ol class="programme">')[1].split("</article>")[0]
    assert "Add to calendar" not in text  # the seed screening is past
    assert 'class="status-banner' not in text
    assert "I’m going" not in text  # the seed screening is past


def test_screening_json_ld_is_a_screening_event(client, make_screening, fort_greene, make_film):
    screening = make_screening(
        venue=fort_greene,
        date=datetime.date(2030, 6, 30),
        start_time=datetime.time(20, 0),
        doors_time=datetime.time(19, 30),
        capacity=50,
        films=[
            make_film(title="To Become a Lion", kind=Film.Kind.SHORT, year=None),
            make_film(title="Comrades", kind=Film.Kind.FEATURE, runtime_minutes=116, year=1996),
        ],
    )

    data = jsonld(client.get(screening.get_absolute_url()))

    assert data["@type"] == "ScreeningEvent"
    assert data["startDate"] == "2030-06-30T20:00:00-04:00"
    assert data["endDate"] == "2030-06-30T22:36:00-04:00"
    assert data["doorTime"] == "2030-06-30T19:30:00-04:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert "previousStartDate" not in data
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Fort Greene Park"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 40.69137,
        "longitude": -73.97545,
    }
    assert [(work["@type"], work["name"]) for work in data["workPresented"]] == [
        ("Movie", "To Become a Lion"),
        ("Movie", "Comrades"),
    ]
    assert data["workPresented"][1]["duration"] == "PT116M"
    assert data["isAccessibleForFree"] is True
    assert data["offers"]["price"] == "0"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["maximumAttendeeCapacity"] == 50


def test_rescheduled_screening_says_so_everywhere(client, make_screening, fort_greene):
    screening = make_screening(
        venue=fort_greene, date=datetime.date(2030, 7, 1), start_time=datetime.time(20, 0)
    )
    screening = Screening.objects.get(pk=screening.pk)
    screening.date = datetime.date(2030, 7, 8)
    screening.status = Screening.Status.RESCHEDULED
    screening.status_reason = "Moved for the fireworks."
    screening.save()

    response = client.get(screening.get_absolute_url())

    data = jsonld(response)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2030-07-01T20:00:00-04:00"
    assert data["startDate"] == "2030-07-08T20:00:00-04:00"
    assert (
        '<p class="status-banner status-rescheduled" role="status"><strong>Rescheduled</strong>'
        " from Monday, July 1, 2030, 8:00 pm. Moved for the fireworks.</p>"
    ) in response.text


def test_json_ld_cannot_close_its_script_element(client, make_screening, make_film):
    screening = make_screening(
        films=[make_film(title="</script><script>alert(1)</script>", kind="feature")]
    )

    response = client.get(screening.get_absolute_url())

    assert "<script>alert(1)" not in response.text
    assert jsonld(response)["name"] == "</script><script>alert(1)</script>"


def test_screening_page_open_graph_tags(client, make_screening, fort_greene, make_film, origin):
    screening = make_screening(
        venue=fort_greene,
        date=datetime.date(2030, 7, 1),
        films=[make_film(title="Comrades", kind="feature")],
    )

    response = client.get(screening.get_absolute_url())

    assert og(response, "title") == "Comrades at Fort Greene Park"
    assert og(response, "url") == f"{origin}{screening.get_absolute_url()}"
    assert (
        og(response, "description") == "Monday, July 1, 2030 at Fort Greene Park. Free admission."
    )


def test_venue_page_lists_upcoming_and_past_screenings(client, make_screening, fort_greene):
    upcoming = make_screening(venue=fort_greene, date=datetime.date(2030, 7, 1))
    past = make_screening(venue=fort_greene, date=datetime.date(2020, 7, 1))
    make_screening(date=datetime.date(2030, 7, 2))  # elsewhere

    response = client.get(fort_greene.get_absolute_url())

    assert [s.pk for s in response.context["upcoming"]] == [upcoming.pk]
    assert [s.pk for s in response.context["past"]] == [past.pk]
    assert "map (OpenStreetMap)" in response.text


def test_home_shows_recent_screenings_and_the_archive_when_nothing_is_scheduled(client, seeded):
    response = client.get("/")

    assert response.context["programme"].next_screening is None
    assert [s.slug for s in response.context["programme"].recent_screenings] == [
        "2025-06-30-fort-greene-park"
    ]
    assert '<h2 id="screenings-heading">Recent screenings</h2>' in response.text
    assert '<a href="/screenings/past/">All past screenings →</a>' in response.text


def test_home_shows_the_next_screening(client, make_screening):
    later = make_screening(date=datetime.date(2030, 8, 1))
    sooner = make_screening(date=datetime.date(2030, 7, 1))

    response = client.get("/")

    assert response.context["programme"].next_screening == sooner
    assert later.get_absolute_url() not in response.text
    assert f'<a href="{sooner.get_absolute_url()}">' in response.text


def test_film_page_lists_the_films_screenings(client, seeded):
    response = client.get(reverse("films:detail", args=["to-become-a-lion"]))

    assert [s.slug for s in response.context["screenings"]] == ["2025-06-30-fort-greene-park"]
    assert '<h2 id="screenings-heading">Screenings</h2>' in response.text


def test_film_page_lists_screenings_to_come_soonest_first_then_the_past_newest_first(
    client, make_screening, make_film
):
    film = make_film(kind=Film.Kind.FEATURE)
    for day in (datetime.date(2031, 7, 1), datetime.date(2020, 7, 1), datetime.date(2030, 7, 1)):
        make_screening(films=[film], date=day)
    make_screening(films=[film], date=datetime.date(2019, 7, 1))

    text = client.get(film.get_absolute_url()).text
    section = text[text.index('id="screenings-heading"') :]
    years = re.findall(r"(20[123][0-9])", section[: section.index("</section>")])

    assert list(dict.fromkeys(years)) == ["2030", "2031", "2020", "2019"]
    assert section.index("2031") < section.index("<h3>Past screenings</h3>") < section.index("2020")


def test_cancelled_screening_page_says_so(client, make_screening):
    screening = make_screening()
    screening.status = Screening.Status.CANCELLED
    screening.status_reason = "Thunderstorms are forecast."
    screening.save()

    response = client.get(screening.get_absolute_url())

    assert (
        '<p class="status-banner status-cancelled" role="status"><strong>Cancelled</strong>. '
        "Thunderstorms are forecast.</p>"
    ) in response.text
    assert jsonld(response)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "I’m going" not in response.text


# RSVP: who may do what


def test_member_says_they_are_going_and_the_count_shows(member_client, make_screening):
    screening = make_screening()

    response = member_client.post(reverse("screenings:rsvp", args=[screening.slug]), follow=True)

    assert "<strong>1</strong> going" in response.text
    assert "You are going. See you there!" in response.text
    assert "I can’t go after all" in response.text


def test_member_withdraws_only_their_own_rsvp(member_client, make_screening, make_user):
    screening = make_screening()
    other = make_user()
    RSVP.objects.create(screening=screening, user=other)
    member = member_client.session["_auth_user_id"]
    RSVP.objects.create(screening=screening, user_id=member)

    member_client.post(reverse("screenings:cancel_rsvp", args=[screening.slug]))

    assert list(screening.rsvps.values_list("user", flat=True)) == [other.pk]


def test_anonymous_visitor_is_sent_to_sign_in(client, make_screening):
    screening = make_screening()
    url = reverse("screenings:rsvp", args=[screening.slug])

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    assert RSVP.objects.count() == 0


def test_rsvp_is_post_only(member_client, make_screening):
    screening = make_screening()

    response = member_client.get(reverse("screenings:rsvp", args=[screening.slug]))

    assert response.status_code == 405
    assert RSVP.objects.count() == 0


def test_rsvp_needs_the_csrf_token(make_user, make_screening):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    screening = make_screening()

    response = client.post(reverse("screenings:rsvp", args=[screening.slug]))

    assert response.status_code == 403
    assert RSVP.objects.count() == 0


def test_full_screening_says_so(member_client, make_screening, make_user):
    screening = make_screening(capacity=1)
    RSVP.objects.create(screening=screening, user=make_user())

    response = member_client.post(reverse("screenings:rsvp", args=[screening.slug]), follow=True)

    assert "Sorry, this screening is full." in response.text
    assert screening.rsvps.count() == 1


# Query counts


def programme(make_film, items):
    films = [make_film(kind=Film.Kind.SHORT) for _ in range(items - 1)]
    return [*films, make_film(kind=Film.Kind.FEATURE, director=True)]


@pytest.mark.parametrize("screenings", [1, 3])
@pytest.mark.parametrize("items", [1, 3])
def test_whats_on_query_count_is_constant(
    client, make_screening, make_film, screenings, items, django_assert_num_queries
):
    for _ in range(screenings):
        make_screening(films=programme(make_film, items))

    # count, screenings (with venue, series, going count), programme items with films
    with django_assert_num_queries(3):
        response = client.get(reverse("screenings:list"))

    assert len(response.context["screenings"]) == screenings


@pytest.mark.parametrize("screenings", [1, 3])
@pytest.mark.parametrize("items", [1, 3])
def test_archive_query_count_is_constant(
    client, make_screening, make_film, screenings, items, django_assert_num_queries
):
    for _ in range(screenings):
        make_screening(films=programme(make_film, items), date=datetime.date(2020, 7, 1))

    with django_assert_num_queries(3):
        response = client.get(reverse("screenings:past"))

    assert len(response.context["screenings"]) == screenings


@pytest.mark.parametrize("url", ["screenings:list", "screenings:past"])
def test_a_member_served_the_kept_list_pays_no_query_for_its_screenings(
    member_client, make_screening, django_assert_num_queries, url
):
    make_screening()
    make_screening(date=datetime.date(2020, 7, 1))
    first = member_client.get(reverse(url))  # the list's shared part is kept

    # session, member, the list's length (its pagination is outside the kept part)
    with django_assert_num_queries(3):
        again = member_client.get(reverse(url))

    rows = '<article class="screening-row'
    assert again.text.count(rows) == first.text.count(rows) == 1


@pytest.mark.parametrize("items", [1, 3])
def test_screening_page_query_count_is_constant(
    client, make_screening, make_film, make_user, items, django_assert_num_queries
):
    screening = make_screening(films=programme(make_film, items))
    RSVP.objects.create(screening=screening, user=make_user())

    # screening (venue, series, note, going count), items with films, directors, audience score,
    # reviews by those who were there
    with django_assert_num_queries(5):
        response = client.get(screening.get_absolute_url())

    assert len(response.context["screening"].programme()) == items


@pytest.mark.parametrize("screenings", [1, 3])
@pytest.mark.parametrize("items", [1, 3])
def test_venue_page_query_count_is_constant(
    client, make_screening, make_film, fort_greene, screenings, items, django_assert_num_queries
):
    for number in range(screenings):
        make_screening(venue=fort_greene, films=programme(make_film, items))
        make_screening(
            venue=fort_greene,
            films=programme(make_film, items),
            date=datetime.date(2020, 7, 1 + number),
        )

    # venue, upcoming + their items, past + their items
    with django_assert_num_queries(5):
        response = client.get(fort_greene.get_absolute_url())

    assert len(response.context["upcoming"]) == screenings


@pytest.mark.parametrize("items", [1, 3])
def test_home_with_a_next_screening_query_count_is_constant(
    client, make_screening, make_film, items, django_assert_num_queries
):
    make_screening(films=programme(make_film, items))

    # films, directors, next screening, its programme, called-off screenings, the latest reviews
    with django_assert_num_queries(6):
        response = client.get("/")

    assert len(response.context["programme"].next_screening.programme()) == items


@pytest.mark.parametrize("screenings", [1, 3])
@pytest.mark.parametrize("items", [1, 3])
def test_film_page_with_screenings_query_count_is_constant(
    client, make_screening, make_film, screenings, items, django_assert_num_queries
):
    feature = make_film(kind=Film.Kind.FEATURE)
    for _ in range(screenings):
        shorts = [make_film(kind=Film.Kind.SHORT) for _ in range(items - 1)]
        make_screening(films=[*shorts, feature])

    # 4 for the film, 2 for reviews (the latest, the most liked among them) and rating summary
    # (no review: no check-ins to read), how many want to see it, screenings, their programme
    # items, 2 for its seasons' suggestions and audience score, 1 for the members' lists it is
    # on; its next screening in the top panel is found among the listed ones (fewer than the ten
    # newest the list holds, so all of them: test_film_next_screening for a full list)
    with django_assert_num_queries(12):
        response = client.get(feature.get_absolute_url())

    assert len(response.context["screenings"]) == screenings


@pytest.fixture
def essay(make_user, make_film):
    return Review.objects.create(
        film=make_film(),
        author=make_user(username="filmclub"),
        title="Is it really being in love?",
        slug="the-essay",
        body="Is it really being in love with someone if you never get to love them?",
        status=Review.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_programme_note_shows_its_excerpt_and_link(client, make_screening, essay):
    screening = make_screening(programme_note=essay)

    response = client.get(screening.get_absolute_url())

    assert "<h3>Is it really being in love?</h3>" in response.text
    assert "<p>Is it really being in love with someone if you never" in response.text
    assert '<a href="/reviews/the-essay/">Read the essay →</a>' in response.text


@pytest.mark.parametrize(
    "change",
    [
        {"is_hidden": True, "hidden_reason": "Spam"},
        {"status": Review.Status.DRAFT},
        {"published_at": timezone.now() + datetime.timedelta(days=3)},
    ],
)
def test_programme_note_that_is_not_public_is_not_shown(client, make_screening, essay, change):
    screening = make_screening(programme_note=essay)
    Review.objects.filter(pk=essay.pk).update(**change)

    response = client.get(screening.get_absolute_url())

    assert "Programme note" not in response.text
    assert "Is it really being in love" not in response.text


def test_home_leads_with_the_next_screening_going_ahead(client, make_screening):
    cancelled = make_screening(date=datetime.date(2030, 6, 1))
    cancelled.status = Screening.Status.CANCELLED
    cancelled.status_reason = "Rain"
    cancelled.save()
    going_ahead = make_screening(date=datetime.date(2030, 6, 2))

    response = client.get("/")

    assert response.context["programme"].next_screening == going_ahead
    assert list(response.context["programme"].called_off) == [cancelled]
    assert "<strong>Cancelled</strong>. Rain</p>" in response.text


def test_moving_a_venue_to_another_time_zone_recomputes_its_upcoming_screenings(
    make_screening, make_venue
):
    venue = make_venue(time_zone="America/New_York")
    screening = make_screening(venue=venue, date=datetime.date(2030, 7, 1))

    venue.time_zone = "America/Los_Angeles"
    venue.save()

    screening.refresh_from_db()
    assert screening.local_starts_at.strftime("%Y-%m-%d %H:%M %Z") == "2030-07-01 20:00 PDT"
    assert screening.sequence == 1


@pytest.mark.parametrize("status", [Screening.Status.CANCELLED, Screening.Status.POSTPONED])
def test_a_called_off_screening_in_the_list_does_not_say_who_is_going(
    client, make_screening, make_user, status
):
    screening = make_screening()
    for _ in range(2):
        RSVP.objects.create(screening=screening, user=make_user())
    going_ahead = make_screening()
    RSVP.objects.create(screening=going_ahead, user=make_user())
    Screening.objects.filter(pk=screening.pk).update(status=status, status_reason="Storms")

    response = client.get(reverse("screenings:list"))

    row = response.text.split(screening.get_absolute_url())[1].split("</article>")[0]
    assert "going" not in row
    assert "1 going" in response.text  # the one going ahead still says so
