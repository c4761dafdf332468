"""A season's states and moves, and ballots: one per member, changeable, secret."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models

from seasons.models import Ballot, Season, Suggestion, Voter, cast_ballot, ranking_of

Status = Season.Status


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Status.DRAFT, Status.SUGGESTING),
        (Status.SUGGESTING, Status.VOTING),
        (Status.VOTING, Status.CLOSED),
    ],
)
def test_a_season_moves_forward_one_state_at_a_time(make_season, make_suggestion, before, after):
    season = make_season(status=before, slots=1)
    for _ in range(2):
        make_suggestion(season, is_shortlisted=True)

    season.move_to(after)

    season.refresh_from_db()
    assert season.status == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Status.DRAFT, Status.VOTING),
        (Status.DRAFT, Status.CLOSED),
        (Status.SUGGESTING, Status.CLOSED),
        (Status.SUGGESTING, Status.DRAFT),
        (Status.VOTING, Status.SUGGESTING),
        (Status.CLOSED, Status.VOTING),
        (Status.CLOSED, Status.SUGGESTING),
    ],
)
def test_a_season_refuses_any_other_move(make_season, make_suggestion, before, after):
    season = make_season(status=before)
    for _ in range(3):
        make_suggestion(season, is_shortlisted=True)

    with pytest.raises(ValidationError) as error:
        season.move_to(after)

    assert error.value.messages == [
        f"A season {Status(before).label.lower()} cannot become “{Status(after).label.lower()}”."
    ]
    season.refresh_from_db()
    assert season.status == before


def test_clean_refuses_a_status_changed_by_hand(make_season):
    season = Season.objects.get(pk=make_season(status=Status.SUGGESTING).pk)
    season.status = Status.CLOSED

    with pytest.raises(ValidationError) as error:
        season.full_clean()

    assert error.value.messages == ["A season open for suggestions cannot become “closed”."]


def test_voting_needs_more_films_shortlisted_than_slots(make_season, make_suggestion):
    season = make_season(status=Status.SUGGESTING, slots=2)
    make_suggestion(season, is_shortlisted=True)
    make_suggestion(season, is_shortlisted=True)
    make_suggestion(season, is_shortlisted=False)

    with pytest.raises(ValidationError) as error:
        season.move_to(Status.VOTING)

    assert error.value.messages == [
        "Shortlist more films than the season's 2 slots before voting opens (2 shortlisted)."
    ]


def test_closing_counts_the_ballots_and_forgets_who_cast_which(
    make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    first, second, third = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    for ranking in ([first, second], [first], [second, first], [third, second], [third, first]):
        cast_ballot(season=season, user=make_user(), ranking=[s.pk for s in ranking])

    season.move_to(Status.CLOSED)

    season.refresh_from_db()
    assert season.results["elected"] == [first.pk]
    assert [r["eliminated"] for r in season.results["rounds"]] == [[second.pk], []]
    assert season.results["rounds"][1]["votes"] == [[first.pk, 3.0], [third.pk, 2.0]]
    assert season.ballot_secret == ""
    assert Suggestion.objects.get(pk=first.pk).won_place == 1
    assert Suggestion.objects.get(pk=second.pk).won_place is None


def test_a_member_has_one_ballot_and_may_change_it(make_season, make_suggestion, make_user):
    season = make_season(status=Status.VOTING)
    one, two = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    member = make_user()

    cast_ballot(season=season, user=member, ranking=[one.pk, two.pk])
    cast_ballot(season=season, user=member, ranking=[two.pk])

    assert list(Ballot.objects.values_list("ranking", flat=True)) == [[two.pk]]
    assert Voter.objects.filter(season=season).count() == 1
    assert ranking_of(season, member) == [two.pk]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUGGESTING, Status.CLOSED])
def test_no_ballot_is_taken_unless_voting_is_open(make_season, make_suggestion, make_user, status):
    season = make_season(status=status)
    suggestion = make_suggestion(season, is_shortlisted=True)

    with pytest.raises(ValidationError) as error:
        cast_ballot(season=season, user=make_user(), ranking=[suggestion.pk])

    assert error.value.messages == ["Voting for this season is not open."]
    assert Ballot.objects.count() == 0


def test_a_ballot_ranks_only_the_shortlist_each_once(make_season, make_suggestion, make_user):
    season = make_season(status=Status.VOTING)
    listed = make_suggestion(season, is_shortlisted=True)
    unlisted = make_suggestion(season, is_shortlisted=False)

    for ranking in ([listed.pk, listed.pk], [unlisted.pk], [listed.pk, unlisted.pk]):
        with pytest.raises(ValidationError):
            cast_ballot(season=season, user=make_user(), ranking=ranking)

    assert Ballot.objects.count() == 0


def test_a_ballot_holds_nothing_that_names_or_dates_its_voter():
    fields = {field.name: field for field in Ballot._meta.get_fields()}

    assert set(fields) == {"id", "season", "key", "ranking"}
    assert isinstance(fields["id"], models.UUIDField)  # no sequence to line up with voters
    assert [f.name for f in Voter._meta.get_fields() if f.concrete] == ["id", "season", "user"]


def test_no_admin_page_shows_ballots_or_voters():
    assert not admin.site.is_registered(Ballot)
    assert not admin.site.is_registered(Voter)


def test_after_closing_a_ballot_cannot_be_traced_to_its_member(
    make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    one, two = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    member = make_user()
    cast_ballot(season=season, user=member, ranking=[two.pk, one.pk])
    key_while_open = season.ballot_key(member)

    season.move_to(Status.CLOSED)

    season.refresh_from_db()
    assert season.ballot_key(member) != key_while_open
    assert ranking_of(season, member) == []


def test_one_suggestion_per_film_per_season(make_season, make_suggestion, make_film):
    season = make_season()
    film = make_film()
    make_suggestion(season, film=film)

    with pytest.raises(ValidationError) as error:
        Suggestion(season=season, film=film, pitch="Again").full_clean()

    assert error.value.messages == [
        "This film has already been suggested for this season: second it instead."
    ]


def test_add_to_catalogue_makes_the_film_from_title_and_year(make_season, make_suggestion):
    suggestion = make_suggestion(make_season(), title="Stalker", year=1979)

    film = suggestion.add_to_catalogue()

    assert (film.title, film.year, film.slug) == ("Stalker", 1979, "stalker-1979")
    suggestion.refresh_from_db()
    assert suggestion.film == film
