"""Check-in at a screening and the audience's A–E verdict."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from screenings.models import ProgrammeItem, Screening
from seasons.audience import CheckIn, Verdict, check_in, give_verdict

NOW = timezone.now()


@pytest.fixture
def screening(venue, make_film):
    """A screening that began half an hour ago, of a 90-minute film."""
    starts = timezone.localtime(NOW - datetime.timedelta(minutes=30), venue.tz)
    screening = Screening.objects.create(
        venue=venue, date=starts.date(), start_time=starts.time().replace(microsecond=0)
    )
    ProgrammeItem.objects.create(screening=screening, film=make_film(runtime_minutes=90))
    return Screening.objects.for_detail().get(pk=screening.pk)


def test_a_member_checks_in_with_one_tap(signed_in, make_user, screening):
    member = make_user()

    response = signed_in(member).post(
        reverse("seasons:check-in", args=[screening.slug]), follow=True
    )

    assert CheckIn.objects.filter(screening=screening, user=member).exists()
    assert "You are checked in. Enjoy the film!" in response.content.decode()


@pytest.mark.parametrize(
    "moment",
    [NOW - datetime.timedelta(hours=2), NOW + datetime.timedelta(hours=3, minutes=1)],
)
def test_check_in_outside_its_window_is_refused(make_user, screening, moment):
    # The window: an hour before the start (no doors time) to two hours after the film's end.
    with pytest.raises(ValidationError) as error:
        check_in(screening=screening, user=make_user(), now=moment)

    assert error.value.messages == ["Check-in is open from doors until two hours after the film."]
    assert CheckIn.objects.count() == 0


def test_only_members_who_checked_in_grade_the_film(make_user, screening):
    after = NOW + datetime.timedelta(hours=2)

    with pytest.raises(ValidationError) as error:
        give_verdict(screening=screening, user=make_user(), grade="A", now=after)

    assert error.value.messages == ["Only members who checked in at the screening give it a grade."]


def test_grades_are_taken_from_the_end_for_a_week(make_user, screening):
    member = make_user()
    check_in(screening=screening, user=member)

    for moment in (NOW, NOW + datetime.timedelta(days=8)):
        with pytest.raises(ValidationError):
            give_verdict(screening=screening, user=member, grade="A", now=moment)
    give_verdict(screening=screening, user=member, grade="B", now=NOW + datetime.timedelta(days=6))

    assert Verdict.objects.get().grade == "B"


def test_the_audience_score_is_the_societies_average(make_user, screening):
    after = NOW + datetime.timedelta(hours=2)
    for grade in ("A", "B", "B", "E"):
        member = make_user()
        check_in(screening=screening, user=member)
        give_verdict(screening=screening, user=member, grade=grade, now=after)

    assert Verdict.objects.score() == {"score": 62, "votes": 4}  # (100 + 75 + 75 + 0) / 4


def test_a_grade_can_be_changed_not_doubled(make_user, screening):
    member = make_user()
    check_in(screening=screening, user=member)
    after = NOW + datetime.timedelta(hours=2)

    give_verdict(screening=screening, user=member, grade="A", now=after)
    give_verdict(screening=screening, user=member, grade="C", now=after)

    assert list(Verdict.objects.values_list("grade", flat=True)) == ["C"]


def test_the_score_shows_on_the_screening_and_film_pages(client, make_user, screening):
    for grade in ("A", "C"):
        member = make_user()
        check_in(screening=screening, user=member)
        Verdict.objects.create(screening=screening, user=member, grade=grade)

    film = screening.programme()[0]
    screening_page = client.get(screening.get_absolute_url()).content.decode()
    film_page = client.get(film.get_absolute_url()).content.decode()

    assert "<strong>75</strong> out of 100, from 2 votes" in screening_page
    assert "<strong>75</strong> out of 100, from 2 votes at the club’s screenings" in film_page


def test_the_check_in_poster_is_a_qr_code_for_staff_only(signed_in, make_user, screening):
    url = reverse("seasons:check-in-poster", args=[screening.slug])

    member = signed_in(make_user()).get(url)
    staff = signed_in(make_user(is_staff=True, is_superuser=True)).get(url)

    assert member.status_code == 403
    html = staff.content.decode()
    assert "<svg" in html
    assert f"http://testserver/screenings/{screening.slug}/check-in/" in html


def test_the_season_table_ranks_the_winners_screenings_by_score(
    client, make_season, make_suggestion, make_user, make_film, screening, venue
):
    from seasons.models import Season

    season = make_season(status=Season.Status.CLOSED)
    low = make_suggestion(season, won_place=1)
    high = make_suggestion(season, won_place=2)
    other = Screening.objects.create(
        venue=venue, date=datetime.date(2031, 7, 1), start_time=datetime.time(20, 0)
    )
    ProgrammeItem.objects.create(screening=other, film=high.film)
    Suggestion = type(low)
    Suggestion.objects.filter(pk=low.pk).update(screening=screening)
    Suggestion.objects.filter(pk=high.pk).update(screening=other)
    for target, grade in ((screening, "D"), (other, "A"), (other, "B")):
        Verdict.objects.create(screening=target, user=make_user(), grade=grade)

    response = client.get(season.get_absolute_url())

    rows = [(row.pk, row.score, row.votes) for row in response.context["table"]]
    assert rows == [(high.pk, 87.5, 2), (low.pk, 25, 1)]
    assert "The season table" in response.content.decode()


@pytest.mark.parametrize(
    ("runtime", "window"),
    [
        (90, "from 7:00 pm until 11:30 pm."),
        (240, "from 7:00 pm until 2:00 am the next day."),
    ],
)
def test_the_check_in_page_writes_its_hours_as_the_site_does(
    signed_in, make_user, make_film, venue, runtime, window
):
    screening = Screening.objects.create(
        venue=venue, date=datetime.date(2031, 7, 1), start_time=datetime.time(20, 0)
    )
    ProgrammeItem.objects.create(screening=screening, film=make_film(runtime_minutes=runtime))

    response = signed_in(make_user()).get(reverse("seasons:check-in", args=[screening.slug]))

    page = " ".join(response.content.decode().split())
    assert f"Check-in is open {window}</p>" in page
    assert ".m." not in page


@pytest.mark.parametrize("items", [1, 3])
def test_check_in_page_query_count_is_constant(
    signed_in, make_user, make_film, venue, items, django_assert_num_queries
):
    screening = Screening.objects.create(
        venue=venue, date=datetime.date(2031, 7, 1), start_time=datetime.time(20, 0)
    )
    for order in range(items):
        ProgrammeItem.objects.create(screening=screening, film=make_film(), order=order + 1)
    client = signed_in(make_user())

    # session, member, the screening (with its going count), its programme, the member's check-in
    with django_assert_num_queries(5):
        response = client.get(reverse("seasons:check-in", args=[screening.slug]))

    assert response.context["screening"].programme() != []
    assert "I’m here" in response.content.decode()
