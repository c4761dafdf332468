"""The members' side: the season page, suggesting, seconding, voting, the results."""

import pytest
from django.urls import reverse

from seasons.models import Ballot, Season, Second, Suggestion, Voter, cast_ballot

Status = Season.Status


def test_the_season_page_lists_suggestions_with_their_seconds(
    client, make_season, make_suggestion, make_user
):
    season = make_season()
    suggestion = make_suggestion(season, pitch="Tarkovsky under the stars.")
    Second.objects.create(suggestion=suggestion, user=make_user())

    response = client.get(season.get_absolute_url())

    html = response.content.decode()
    assert "Tarkovsky under the stars." in html
    assert "seconded by 1 member\n" in html
    assert "Open for suggestions" in html


def test_a_draft_season_is_not_shown(client, make_season):
    season = make_season(status=Status.DRAFT)

    assert client.get(season.get_absolute_url()).status_code == 404
    assert client.get(reverse("seasons:list")).context["seasons"].count() == 0


def test_a_member_suggests_a_catalogue_film(signed_in, make_season, make_user, make_film):
    season = make_season()
    film = make_film(title="Sunrise")
    member = make_user()

    response = signed_in(member).post(
        reverse("seasons:suggest", args=[season.slug]),
        {"film": film.slug, "pitch": "The most beautiful film."},
        follow=True,
    )

    suggestion = Suggestion.objects.get()
    assert (suggestion.film, suggestion.suggested_by, suggestion.pitch) == (
        film,
        member,
        "The most beautiful film.",
    )
    assert f"You suggested Sunrise (2000) for {season}." in response.content.decode()


def test_a_film_not_in_the_catalogue_is_suggested_by_title_and_year(
    signed_in, make_season, make_user
):
    season = make_season()

    signed_in(make_user()).post(
        reverse("seasons:suggest", args=[season.slug]),
        {"title": "Stalker", "year": "1979", "pitch": "A zone."},
    )

    assert Suggestion.objects.values_list("film", "title", "year").get() == (None, "Stalker", 1979)


def test_the_same_film_twice_is_refused_with_a_message(
    signed_in, make_season, make_suggestion, make_user, make_film
):
    season = make_season()
    film = make_film()
    make_suggestion(season, film=film)

    response = signed_in(make_user()).post(
        reverse("seasons:suggest", args=[season.slug]), {"film": film.slug, "pitch": "Me too"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This film has already been suggested for this season: second it instead."
    ]
    assert Suggestion.objects.count() == 1


def test_a_suggestion_needs_a_film_or_a_title(signed_in, make_season, make_user):
    season = make_season()

    response = signed_in(make_user()).post(
        reverse("seasons:suggest", args=[season.slug]), {"pitch": "Something"}
    )

    assert response.context["form"].non_field_errors() == [
        "Choose a film from the catalogue above, or give the title of one that is not in it."
    ]


@pytest.mark.parametrize("status", [Status.VOTING, Status.CLOSED])
def test_suggestions_are_refused_once_closed(signed_in, make_season, make_user, status):
    season = make_season(status=status)

    response = signed_in(make_user()).post(
        reverse("seasons:suggest", args=[season.slug]),
        {"title": "Stalker", "pitch": "A zone."},
        follow=True,
    )

    assert Suggestion.objects.count() == 0
    assert f"{season} is not taking suggestions." in response.content.decode()


def test_a_visitor_is_sent_to_sign_in_to_suggest(client, make_season):
    season = make_season()

    response = client.get(reverse("seasons:suggest", args=[season.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_suggestion_page_searches_the_catalogue(signed_in, make_season, make_user, make_film):
    season = make_season()
    film = make_film(title="Chungking Express")
    make_film(title="Sunrise")

    response = signed_in(make_user()).get(
        reverse("seasons:suggest", args=[season.slug]), {"q": "chungking"}
    )

    assert response.context["films"] == [film]
    assert f'href="?film={film.slug}"' in response.content.decode()


def test_members_second_others_suggestions_once(signed_in, make_season, make_suggestion, make_user):
    season = make_season()
    suggestion = make_suggestion(season)
    client = signed_in(make_user())
    url = reverse("seasons:second", args=[season.slug, suggestion.pk])

    client.post(url)
    client.post(url)
    signed_in(suggestion.suggested_by).post(url)

    assert suggestion.seconds.count() == 1


@pytest.mark.parametrize("status", [Status.VOTING, Status.CLOSED])
@pytest.mark.parametrize("exists", [True, False], ids=["suggestion", "no-such-suggestion"])
def test_seconding_once_suggestions_close_says_so_whether_or_not_the_suggestion_exists(
    signed_in, make_season, make_suggestion, make_user, status, exists
):
    # A member seconding from a page loaded while the season was open needs its state, even
    # if the suggestion has gone since: the same message either way, and no 404.
    season = make_season(status=status)
    suggestion = make_suggestion(season)
    pk = suggestion.pk
    if not exists:
        suggestion.delete()

    response = signed_in(make_user()).post(
        reverse("seasons:second", args=[season.slug, pk]), follow=True
    )

    assert response.redirect_chain == [(season.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"{season} is not taking suggestions."
    ]
    assert Second.objects.count() == 0


@pytest.mark.parametrize("where", ["deleted", "other-season"])
def test_seconding_a_suggestion_not_in_an_open_season_is_not_found(
    signed_in, make_season, make_suggestion, make_user, where
):
    season = make_season()
    suggestion = make_suggestion(make_season() if where == "other-season" else season)
    pk = suggestion.pk
    if where == "deleted":
        suggestion.delete()

    response = signed_in(make_user()).post(reverse("seasons:second", args=[season.slug, pk]))

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()
    assert Second.objects.count() == 0


def test_the_ballot_page_has_a_number_input_per_shortlisted_film(
    signed_in, make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    one = make_suggestion(season, is_shortlisted=True)
    make_suggestion(season, is_shortlisted=False)

    response = signed_in(make_user()).get(reverse("seasons:vote", args=[season.slug]))

    html = response.content.decode()
    assert html.count('type="number"') == 1
    assert f'<label for="id_rank_{one.pk}">{one.film_title}</label>' in html
    assert "<script>" not in html  # the drag script is a static file (the CSP)


def test_a_member_votes_and_changes_the_ballot(signed_in, make_season, make_suggestion, make_user):
    season = make_season(status=Status.VOTING)
    one, two, three = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    client = signed_in(make_user())
    url = reverse("seasons:vote", args=[season.slug])

    client.post(url, {f"rank_{one.pk}": "2", f"rank_{two.pk}": "1", f"rank_{three.pk}": ""})
    response = client.post(url, {f"rank_{three.pk}": "1", f"rank_{one.pk}": "3"}, follow=True)

    assert list(Ballot.objects.values_list("ranking", flat=True)) == [[three.pk, one.pk]]
    assert "Your ballot is saved. You may change it until voting closes." in (
        response.content.decode()
    )
    assert response.context["form"][f"rank_{three.pk}"].value() == 1


def test_two_films_with_one_number_are_refused(signed_in, make_season, make_suggestion, make_user):
    season = make_season(status=Status.VOTING)
    one, two = (make_suggestion(season, is_shortlisted=True) for _ in range(2))

    response = signed_in(make_user()).post(
        reverse("seasons:vote", args=[season.slug]), {f"rank_{one.pk}": "1", f"rank_{two.pk}": "1"}
    )

    assert response.context["form"].non_field_errors() == [
        "Give each film its own number (1 used twice)."
    ]
    assert Ballot.objects.count() == 0


def test_a_visitor_cannot_vote(client, make_season, make_suggestion):
    season = make_season(status=Status.VOTING)
    one = make_suggestion(season, is_shortlisted=True)

    response = client.post(reverse("seasons:vote", args=[season.slug]), {f"rank_{one.pk}": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize("status", [Status.SUGGESTING, Status.CLOSED])
def test_no_vote_outside_voting(signed_in, make_season, make_suggestion, make_user, status):
    season = make_season(status=status)
    one = make_suggestion(season, is_shortlisted=True)

    response = signed_in(make_user()).post(
        reverse("seasons:vote", args=[season.slug]), {f"rank_{one.pk}": "1"}, follow=True
    )

    assert Ballot.objects.count() == 0
    assert f"Voting for {season} is not open." in response.content.decode()


def test_no_page_shows_another_members_ranking(
    signed_in, client, make_season, make_suggestion, make_user
):
    season = make_season(status=Status.VOTING)
    one, two = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    voter = make_user()
    cast_ballot(season=season, user=voter, ranking=[two.pk, one.pk])

    other = signed_in(make_user()).get(reverse("seasons:vote", args=[season.slug]))
    staff = signed_in(make_user(is_staff=True, is_superuser=True))

    assert all(field.value() is None for _suggestion, field in other.context["form"].rows())
    assert voter.username not in client.get(season.get_absolute_url()).content.decode()
    season_admin = staff.get(reverse("admin:seasons_season_change", args=[season.pk]))
    assert "members who voted" in season_admin.content.decode().lower()
    assert voter.username not in season_admin.content.decode()
    assert Voter.objects.count() == 1


def test_the_results_page_shows_every_round(client, make_season, make_suggestion, make_user):
    season = make_season(status=Status.VOTING)
    a, b, c = (make_suggestion(season, is_shortlisted=True) for _ in range(3))
    for ranking in ([a], [a], [b, a], [c, b], [c, b]):
        cast_ballot(season=season, user=make_user(), ranking=[s.pk for s in ranking])
    season.move_to(Status.CLOSED)

    response = client.get(reverse("seasons:results", args=[season.slug]))

    html = response.content.decode()
    rounds = response.context["rounds"]
    assert [[s.pk for s in r["eliminated"]] for r in rounds] == [[b.pk], []]
    assert [[s.pk for s in r["elected"]] for r in rounds] == [[], [a.pk]]
    assert "Round 2" in html
    assert f"{b.film_title}’s ballots passed on: 1 to {a.film_title}." in html
    assert response.context["winners"] == [a]


def test_results_wait_for_the_close(client, make_season):
    season = make_season(status=Status.VOTING)

    response = client.get(reverse("seasons:results", args=[season.slug]))

    assert response["Location"] == season.get_absolute_url()


def test_the_film_page_says_who_suggested_it_for_which_season(
    client, make_season, make_suggestion, make_user, make_film
):
    film = make_film()
    member = make_user(display_name="Odessa")
    make_suggestion(make_season(name="Summer 2026"), film=film, suggested_by=member)
    make_suggestion(make_season(name="Draft season 2031", status=Status.DRAFT), film=film)

    html = " ".join(client.get(film.get_absolute_url()).content.decode().split())

    assert "Suggested for <a href=" in html
    assert ">Summer 2026</a> by <a href=" in html
    assert '>Odessa</a> <span class="handle">@' in html
    assert "Draft season 2031" not in html


def test_a_new_suggestion_shows_on_the_cached_film_page(
    client, make_season, make_suggestion, make_film
):
    film = make_film()
    client.get(film.get_absolute_url())  # cached now

    make_suggestion(make_season(name="Autumn 2031"), film=film)

    assert "Autumn 2031" in client.get(film.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_season_page_query_count_is_constant(
    signed_in, make_season, make_suggestion, make_user, count, django_assert_num_queries
):
    season = make_season()
    for _ in range(count):
        suggestion = make_suggestion(season)
        Second.objects.create(suggestion=suggestion, user=make_user())
    client = signed_in(make_user())

    with django_assert_num_queries(6):
        response = client.get(season.get_absolute_url())

    assert len(response.context["suggestions"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_ballot_page_query_count_is_constant(
    signed_in, make_season, make_suggestion, make_user, count, django_assert_num_queries
):
    season = make_season(status=Status.VOTING)
    for _ in range(count + 1):
        make_suggestion(season, is_shortlisted=True)
    client = signed_in(make_user())

    with django_assert_num_queries(6):
        response = client.get(reverse("seasons:vote", args=[season.slug]))

    assert len(response.context["form"].rows()) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_results_and_list_query_counts_are_constant(
    client, make_season, make_suggestion, make_user, count, django_assert_num_queries
):
    season = make_season(status=Status.VOTING)
    suggestions = [make_suggestion(season, is_shortlisted=True) for _ in range(count + 1)]
    for suggestion in suggestions:
        cast_ballot(season=season, user=make_user(), ranking=[suggestion.pk])
    season.move_to(Status.CLOSED)
    for _ in range(count - 1):
        make_season()

    with django_assert_num_queries(2):
        response = client.get(reverse("seasons:results", args=[season.slug]))
    with django_assert_num_queries(3):
        listed = client.get(reverse("seasons:list"))

    assert len(response.context["rounds"]) == count + 1
    assert len(listed.context["seasons"]) == count


def test_ballots_are_rate_limited(signed_in, make_season, make_suggestion, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "season-vote": "2/m"}
    season = make_season(status=Status.VOTING)
    one = make_suggestion(season, is_shortlisted=True)
    client = signed_in(make_user())
    url = reverse("seasons:vote", args=[season.slug])

    answers = [client.post(url, {f"rank_{one.pk}": "1"}).status_code for _ in range(3)]

    assert answers == [302, 302, 429]


@pytest.mark.parametrize("count", [1, 3])
def test_suggestion_search_query_count_is_constant(
    signed_in, make_season, make_user, make_film, count, django_assert_num_queries
):
    season = make_season()
    for number in range(count):
        make_film(title=f"Sunrise {number}")
    client = signed_in(make_user())

    # session, member, season, the films found
    with django_assert_num_queries(4):
        response = client.get(reverse("seasons:suggest", args=[season.slug]), {"q": "sunrise"})

    assert len(response.context["films"]) == count
