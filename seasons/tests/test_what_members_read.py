"""What the season's pages say, as a member reads them: the ballot's promise, seconds, the
results' numbers and ties, each film once, results before the close, the winners' notes."""

import pytest
from django.urls import reverse

from screenings.models import Screening
from seasons.models import Season, Second, Suggestion, cast_ballot
from seasons.scheduling import schedule_winners

Status = Season.Status


def text(response):
    """The page's text with runs of white space as one space, as a reader sees it."""
    return " ".join(response.content.decode().split())


def closed(season, *rankings, make_user):
    for ranking in rankings:
        cast_ballot(season=season, user=make_user(), ranking=[s.pk for s in ranking])
    season.move_to(Status.CLOSED)


def test_the_ballot_says_a_blank_film_gets_no_vote(
    signed_in, make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    make_suggestion(season, is_shortlisted=True)

    page = text(signed_in(make_user()).get(reverse("seasons:vote", args=[season.slug])))

    assert "A film you leave blank gets no vote from you" in page
    assert "below all you numbered" not in page


def test_a_ballot_numbering_one_film_is_exhausted_when_it_is_out(
    client, make_season, make_suggestion, make_user
):
    # What the ballot page promises, the count does: no vote for a film left blank.
    season = make_season(status=Status.VOTING)
    a, b, c = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    closed(season, [a], [b], [b], [c], [c], make_user=make_user)

    page = text(client.get(reverse("seasons:results", args=[season.slug])))

    assert f"{a.film_title}’s ballots passed on: 1 ballot with no film left that it ranked." in page
    assert "no further choice" not in page


def test_ballots_with_no_film_left_are_counted_in_words_the_ballot_uses(
    client, make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    a, b, c = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    closed(season, [a], [a], [b], [b], [b], [c], [c], [c], make_user=make_user)

    page = text(client.get(reverse("seasons:results", args=[season.slug])))

    passed_on = f"{a.film_title}’s ballots passed on: 2 ballots with no film left that they ranked."
    assert passed_on in page
    assert '<th scope="row">Ballots with no ranked film left</th><td>2</td>' in page


def test_seconds_read_as_members_not_as_time(
    client, make_season, make_suggestion, make_user, make_film
):
    season = make_season()
    none = make_suggestion(season, film=make_film(title="Alpha"))
    one = make_suggestion(season, film=make_film(title="Beta"))
    two = make_suggestion(season, film=make_film(title="Gamma"))
    Second.objects.create(suggestion=one, user=make_user())
    for _ in range(2):
        Second.objects.create(suggestion=two, user=make_user())

    page = text(client.get(season.get_absolute_url()))

    def meta(suggestion):
        start = page.index('<p class="meta">', page.index(f'id="suggestion-{suggestion.pk}"'))
        return page[start : page.index("</p>", start)].strip()

    assert meta(none).endswith("· not seconded yet")
    assert meta(one).endswith("· seconded by 1 member")
    assert meta(two).endswith("· seconded by 2 members")
    assert " second</" not in page
    assert " seconds" not in page


def test_the_results_write_thresholds_as_numbers_and_ties_as_sentences(
    client, make_season, make_suggestion, make_user
):
    # One ballot each: a tie in round 1 (more than 1 needed), the later suggestion goes out,
    # its ballot has no further choice, and round 2 needs more than ½.
    season = make_season(status=Status.VOTING)
    a, b = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    closed(season, [a], [b], make_user=make_user)

    page = text(client.get(reverse("seasons:results", args=[season.slug])))

    assert "(a film needs more than 1 to win)" in page
    assert "(a film needs more than ½ to win)" in page
    assert "1.0" not in page
    assert "0.5" not in page
    assert (
        "There was a tie for fewest votes: of those tied, the film suggested later went out."
        in page
    )
    assert "decided by:" not in page


def test_the_stv_quota_is_a_whole_number(client, make_season, make_suggestion, make_user):
    season = make_season(status=Status.VOTING, slots=2)
    a, b, c = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    closed(season, [a], [a], [b], [b], [c], make_user=make_user)

    page = text(client.get(reverse("seasons:results", args=[season.slug])))

    assert "the quota is 2 votes (Droop)" in page
    assert "(a film needs 2 to be chosen)" in page
    assert "2.0" not in page


def test_a_film_chosen_to_fill_the_last_place_is_not_said_to_need_the_quota(
    client, make_season, make_suggestion, make_user
):
    # Two places, quota 2 of 5 ballots: a is chosen in round 1, b and c tie at 1 and c goes
    # out, and b is chosen with 1 vote, the only film left for the last place.
    season = make_season(status=Status.VOTING, slots=2)
    a, b, c = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    closed(season, [a], [a], [a], [b], [c], make_user=make_user)

    page = text(client.get(reverse("seasons:results", args=[season.slug])))
    round_3 = page[page.index("Round 3") :]

    assert "(a film needs 2 to be chosen)" in page[: page.index("Round 3")]
    assert (
        "(no film left reached 2, and no more were left than places: they are all chosen)"
        in round_3
    )
    assert "needs 2 to be chosen" not in round_3
    assert "the fewest that no more films than there are places can reach" in page


def test_the_results_say_a_winners_screening_was_cancelled(
    client, staff_user, make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    a, b = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    closed(season, [a], [a], [b], make_user=make_user)
    [screening] = schedule_winners(season, author=staff_user)
    Screening.objects.filter(pk=screening.pk).update(
        status=Screening.Status.CANCELLED, status_reason="Rain"
    )

    page = text(client.get(reverse("seasons:results", args=[season.slug])))

    assert "screening on 1 June 2031</a> (cancelled)</li>" in page


@pytest.mark.parametrize("status", [Status.VOTING, Status.CLOSED])
def test_the_season_page_lists_each_film_once(
    client, make_season, make_suggestion, make_user, status
):
    season = make_season(status=Status.VOTING)
    a, b = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    left_out = make_suggestion(season)
    if status == Status.CLOSED:
        closed(season, [a], make_user=make_user)

    page = text(client.get(season.get_absolute_url()))

    for suggestion in (a, b, left_out):
        assert page.count(f'id="suggestion-{suggestion.pk}"') == 1
    shortlist, rest = page.split('<h2 id="suggestions-heading">Not shortlisted</h2>')
    assert f'id="suggestion-{left_out.pk}"' in rest
    assert f'id="suggestion-{a.pk}"' in shortlist
    assert ">Shortlisted</span>" not in page


@pytest.mark.parametrize("status", [Status.SUGGESTING, Status.VOTING])
def test_results_before_the_close_show_the_season_and_say_when(client, make_season, status):
    season = make_season(status=status)

    response = client.get(reverse("seasons:results", args=[season.slug]), follow=True)

    assert response.redirect_chain == [(season.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"The results of {season} appear here when voting closes."
    ]
    assert season.get_status_display() in text(response)


@pytest.fixture
def scheduled_winner(staff_user, make_season, make_suggestion, make_user, make_film):
    """The screening scheduled for a closed season's winner, Sunrise, and its draft note."""
    season = make_season(status=Status.VOTING)
    winner = make_suggestion(season, film=make_film(title="Sunrise"), is_shortlisted=True)
    other = make_suggestion(season, is_shortlisted=True)
    closed(season, [winner], [winner], [other], make_user=make_user)
    [screening] = schedule_winners(season, author=staff_user)
    return Screening.objects.get(pk=screening.pk), Suggestion.objects.get(pk=winner.pk)


def test_a_winners_screening_has_the_draft_note_selected_in_the_admin(
    signed_in, staff_user, scheduled_winner
):
    screening, winner = scheduled_winner

    page = signed_in(staff_user).get(
        reverse("admin:screenings_screening_change", args=[screening.pk])
    )

    note = winner.programme_note
    assert screening.programme_note == note
    assert f'<option value="{note.pk}" selected>Why the members chose Sunrise</option>' in (
        page.content.decode()
    )


def test_a_winners_draft_note_shows_on_the_screening_page_once_published(client, scheduled_winner):
    screening, winner = scheduled_winner
    draft_page = text(client.get(screening.get_absolute_url()))  # cached now

    winner.programme_note.publish()
    winner.programme_note.save()

    assert "Why the members chose Sunrise" not in draft_page
    assert "Why the members chose Sunrise" in text(client.get(screening.get_absolute_url()))
