"""Staff's side: moving a season on, the shortlist's facts, adding a film, scheduling winners."""

import datetime
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from films.models import Film
from reviews.models import Review
from screenings.models import ProgrammeItem, Screening
from seasons.models import Season, Second, Suggestion, cast_ballot
from seasons.scheduling import schedule_winners

Status = Season.Status


@pytest.fixture
def staff(signed_in, staff_user):
    return signed_in(staff_user)


def act(client, model, action, rows):
    return client.post(
        reverse(f"admin:seasons_{model}_changelist"),
        {"action": action, "_selected_action": [row.pk for row in rows]},
        follow=True,
    )


def test_staff_open_suggestions_then_voting_then_close(staff, make_season, make_suggestion):
    season = make_season(status=Status.DRAFT)
    make_suggestion(season, is_shortlisted=True)
    make_suggestion(season, is_shortlisted=True)

    act(staff, "season", "open_suggestions", [season])
    assert Season.objects.get().status == Status.SUGGESTING
    act(staff, "season", "open_voting", [season])
    assert Season.objects.get().status == Status.VOTING
    act(staff, "season", "close_voting", [season])
    assert Season.objects.get().status == Status.CLOSED


def test_a_move_out_of_order_is_refused_with_a_message(staff, make_season):
    season = make_season(status=Status.DRAFT)

    response = act(staff, "season", "close_voting", [season])

    assert f"{season}: A season being prepared cannot become “closed”." in (
        response.content.decode()
    )
    assert Season.objects.get().status == Status.DRAFT


def test_the_suggestion_list_shows_seconds_past_screenings_and_the_clubs_average(
    staff, make_season, make_suggestion, make_user, make_film, make_review
):
    film = make_film()
    suggestion = make_suggestion(make_season(), film=film)
    Second.objects.create(suggestion=suggestion, user=make_user())
    Second.objects.create(suggestion=suggestion, user=make_user())
    make_review(film=film, rating=8)
    make_review(film=film, rating=6)
    past = Screening.objects.create(
        venue=suggestion.season.venues.get(),
        date=datetime.date(2020, 7, 1),
        start_time=datetime.time(20, 0),
    )
    ProgrammeItem.objects.create(screening=past, film=film)

    response = staff.get(reverse("admin:seasons_suggestion_changelist"))

    row = response.context["cl"].result_list[0]
    assert (row.second_count, row.past_count, row.rating_average) == (2, 1, 7)
    assert "3.5 ★" in response.content.decode()


def test_a_screening_counts_as_past_once_its_programme_has_run(
    staff, make_season, make_suggestion, make_film
):
    """The one rule of a screening's end (screenings.querysets.has_ended), not a start long ago."""
    film = make_film(runtime_minutes=100)
    suggestion = make_suggestion(make_season(), film=film)
    venue = suggestion.season.venues.get()
    for began in (timezone.now() - datetime.timedelta(minutes=m) for m in (90, 110)):
        began = began.astimezone(venue.tz)
        screening = Screening.objects.create(
            venue=venue, date=began.date(), start_time=began.time().replace(microsecond=0)
        )
        ProgrammeItem.objects.create(screening=screening, film=film)

    response = staff.get(reverse("admin:seasons_suggestion_changelist"))

    assert response.context["cl"].result_list[0].past_count == 1  # the one still on is not


def test_the_shortlist_is_fixed_once_voting_opens(staff, make_season, make_suggestion):
    suggestion = make_suggestion(make_season(status=Status.VOTING))

    response = act(staff, "suggestion", "shortlist", [suggestion])

    assert not Suggestion.objects.get().is_shortlisted
    assert "its shortlist is fixed" in response.content.decode()


def test_staff_add_a_suggested_film_to_the_catalogue_in_one_step(
    staff, make_season, make_suggestion
):
    suggestion = make_suggestion(make_season(), title="Stalker", year=1979)

    act(staff, "suggestion", "add_to_catalogue", [suggestion])

    film = Film.objects.get(title="Stalker")
    assert film.year == 1979
    assert Suggestion.objects.get().film == film


def closed_season(make_season, make_suggestion, make_user, film, **fields):
    season = make_season(status=Status.VOTING, **fields)
    winner = make_suggestion(season, film=film, is_shortlisted=True, pitch="See it outdoors.")
    loser = make_suggestion(season, is_shortlisted=True)
    for ranking in ([winner], [winner], [loser]):
        cast_ballot(season=season, user=make_user(), ranking=[s.pk for s in ranking])
    season.move_to(Status.CLOSED)
    return season, winner


def test_schedule_the_winners_prefills_a_screening(
    staff, staff_user, make_season, make_suggestion, make_user, make_film
):
    film = make_film(title="Sunrise", runtime_minutes=94)
    season, winner = closed_season(make_season, make_suggestion, make_user, film)
    venue = season.venues.get()
    busy = Screening.objects.create(
        venue=venue, date=datetime.date(2031, 6, 1), start_time=datetime.time(20, 0)
    )
    ProgrammeItem.objects.create(screening=busy, film=make_film())

    response = act(staff, "season", "schedule_the_winners", [season])

    screening = Screening.objects.exclude(pk=busy.pk).get()
    assert screening.programme() == [film]
    assert screening.venue == venue
    assert screening.date == datetime.date(2031, 6, 2)  # the 1st is taken
    assert screening.starts_at_dusk
    assert screening.starts_at == venue.dusk(datetime.date(2031, 6, 2))
    assert screening.ends_at - screening.starts_at == datetime.timedelta(minutes=94)
    note = Suggestion.objects.get(pk=winner.pk).programme_note
    assert note.status == Review.Status.DRAFT
    assert note.author == staff_user
    assert note.body.startswith("See it outdoors.")
    assert screening.programme_note == note  # its page shows it once published
    assert "1 screening scheduled" in response.content.decode()


def test_publishing_the_draft_note_makes_it_the_screenings_note(
    staff_user, make_season, make_suggestion, make_user, make_film
):
    season, winner = closed_season(make_season, make_suggestion, make_user, make_film())
    [screening] = schedule_winners(season, author=staff_user)
    note = Suggestion.objects.get(pk=winner.pk).programme_note

    note.publish()
    note.save()

    screening.refresh_from_db()
    assert screening.programme_note == note


def test_scheduling_twice_adds_nothing(
    staff_user, make_season, make_suggestion, make_user, make_film
):
    season, _winner = closed_season(make_season, make_suggestion, make_user, make_film())
    schedule_winners(season, author=staff_user)

    assert schedule_winners(season, author=staff_user) == []
    assert Screening.objects.count() == 1


def test_a_winner_not_in_the_catalogue_is_not_scheduled(
    staff_user, make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    winner = make_suggestion(season, title="Stalker", year=1979, is_shortlisted=True)
    make_suggestion(season, is_shortlisted=True)
    cast_ballot(season=season, user=make_user(), ranking=[winner.pk])
    season.move_to(Status.CLOSED)

    with pytest.raises(ValidationError) as error:
        schedule_winners(season, author=staff_user)

    assert error.value.messages == [
        "Add to the catalogue first (the suggestions' action): Stalker (1979)."
    ]
    assert Screening.objects.count() == 0


def test_the_scheduled_winner_is_on_whats_on(
    client, staff_user, make_season, make_suggestion, make_user, make_film
):
    film = make_film(title="Sunrise")
    season, _ = closed_season(
        make_season,
        make_suggestion,
        make_user,
        film,
        starts_on=datetime.date.today() + datetime.timedelta(days=3),
        ends_on=datetime.date.today() + datetime.timedelta(days=60),
    )

    schedule_winners(season, author=staff_user)

    assert "Sunrise" in client.get(reverse("screenings:list")).content.decode()


@pytest.mark.parametrize("model", ["season", "suggestion", "checkin"])
def test_the_admin_pages_open(staff, make_season, make_suggestion, model):
    suggestion = make_suggestion(make_season())

    listing = staff.get(reverse(f"admin:seasons_{model}_changelist"))
    adding = staff.get(reverse(f"admin:seasons_{model}_add"))

    assert (listing.status_code, adding.status_code) == (200, 200)
    if model == "suggestion":
        change = staff.get(reverse("admin:seasons_suggestion_change", args=[suggestion.pk]))
        assert "A film to see under the stars." in change.content.decode()


def test_a_new_season_is_being_prepared(staff, venue):
    response = staff.post(
        reverse("admin:seasons_season_add"),
        {
            "name": "Summer 2031",
            "slug": "summer-2031",
            "starts_on": "2031-06-01",
            "ends_on": "2031-08-31",
            "venues": [venue.pk],
            "slots": "2",
        },
    )

    assert response.status_code == 302
    season = Season.objects.get()
    assert (season.status, season.slots, list(season.venues.all())) == (Status.DRAFT, 2, [venue])


def test_staff_check_in_members_from_the_list_of_those_going(staff, make_user, venue, make_film):
    from screenings.attendance import RSVP
    from seasons.audience import CheckIn, Going

    screening = Screening.objects.create(
        venue=venue, date=datetime.date(2031, 7, 1), start_time=datetime.time(20, 0)
    )
    ProgrammeItem.objects.create(screening=screening, film=make_film())
    ana, ben = make_user(), make_user()
    for member in (ana, ben):
        RSVP.objects.create(screening=screening, user=member)

    response = act(staff, "going", "check_in_selected", Going.objects.filter(user=ana))

    assert list(CheckIn.objects.values_list("user", flat=True)) == [ana.pk]
    assert "1 member checked in." in response.content.decode()
    listing = staff.get(reverse("admin:seasons_going_changelist"))
    assert [row.is_checked_in for row in listing.context["cl"].result_list] == [True, False]


def test_a_check_ins_screening_is_found_by_its_film_next_screening_first(
    staff, make_screening, make_film
):
    """The autocomplete searches through the programme's films (a SELECT DISTINCT) in the
    screenings' admin order (screenings.querysets.coming_first)."""
    film = make_film(title="Sunrise", kind=Film.Kind.FEATURE)
    held = make_screening(films=[film], date=datetime.date(2025, 6, 30))
    later = make_screening(films=[film], date=datetime.date(2030, 8, 1))
    sooner = make_screening(films=[film], date=datetime.date(2030, 7, 1))
    make_screening()  # another film's

    response = staff.get(
        reverse("admin:autocomplete"),
        {"app_label": "seasons", "model_name": "checkin", "field_name": "screening", "term": "sun"},
    )

    assert response.status_code == 200
    found = [int(row["id"]) for row in response.json()["results"]]
    assert found == [sooner.pk, later.pk, held.pk]


def test_opening_voting_too_soon_says_where_to_shortlist(staff, make_season, make_suggestion):
    season = make_season(status=Status.SUGGESTING, slots=2)
    make_suggestion(season)

    response = act(staff, "season", "open_voting", [season])

    text = response.content.decode()
    url = reverse("admin:seasons_suggestion_changelist") + f"?season__id__exact={season.pk}"
    assert (
        f"{season}: Shortlist more films than the season's 2 slots before voting opens "
        "(0 shortlisted). Select them on the season’s suggestions and take the action "
        "“Shortlist”."
    ) in unescape(strip_tags(text))
    assert f'<a href="{url}">the season’s suggestions</a>' in text
    assert Season.objects.get().status == Status.SUGGESTING
