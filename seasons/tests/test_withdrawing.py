"""Changing one's mind while a season takes suggestions: the suggester withdraws a suggestion
nobody has seconded, a member takes back their second; neither once the season has moved on."""

import pytest
from django.urls import reverse

from seasons.models import Season, Second, Suggestion

Status = Season.Status
SETTLED = "{season} is no longer taking suggestions: suggestions and seconds stand as they are."


def said(response):
    return [str(message) for message in response.context["messages"]]


def page_text(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def suggester(make_user):
    return make_user(username="ana")


@pytest.fixture
def season(make_season):
    return make_season()


@pytest.fixture
def suggestion(season, make_suggestion, make_film, suggester):
    return make_suggestion(
        season, film=make_film(title="Sunrise", year=1927), suggested_by=suggester
    )


def withdraw_url(suggestion):
    return reverse("seasons:withdraw", args=[suggestion.season.slug, suggestion.pk])


def take_back_url(suggestion):
    return reverse("seasons:take-back-second", args=[suggestion.season.slug, suggestion.pk])


def test_the_suggester_withdraws_an_unseconded_suggestion(signed_in, season, suggestion, suggester):
    response = signed_in(suggester).post(withdraw_url(suggestion), follow=True)

    assert response.redirect_chain == [(season.get_absolute_url(), 302)]
    assert said(response) == [f"You withdrew Sunrise (1927) from {season}."]
    assert not Suggestion.objects.filter(pk=suggestion.pk).exists()
    assert "No suggestions yet." in page_text(response)


@pytest.mark.parametrize(("seconds", "members"), [(1, "1 member"), (2, "2 members")])
def test_a_seconded_suggestion_stays_in_the_running(
    signed_in, season, suggestion, suggester, make_user, seconds, members
):
    for _ in range(seconds):
        Second.objects.create(suggestion=suggestion, user=make_user())

    response = signed_in(suggester).post(withdraw_url(suggestion), follow=True)

    assert said(response) == [f"{members} seconded Sunrise (1927): it stays in the running."]
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()


@pytest.mark.parametrize("who", ["another member", "staff"])
def test_only_the_suggester_withdraws_a_suggestion(signed_in, suggestion, make_user, who):
    # Staff remove a suggestion in the admin; the members' page is each member's own.
    other = make_user(is_staff=True, is_superuser=True) if who == "staff" else make_user()

    response = signed_in(other).post(withdraw_url(suggestion), follow=True)

    assert said(response) == ["Only the member who suggested a film may withdraw it."]
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()


def test_a_visitor_is_sent_to_sign_in_to_withdraw_or_take_back(client, suggestion, make_user):
    Second.objects.create(suggestion=suggestion, user=make_user())

    answers = [client.post(url(suggestion)) for url in (withdraw_url, take_back_url)]

    assert [answer.url.split("?")[0] for answer in answers] == [reverse("account_login")] * 2
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()
    assert Second.objects.count() == 1


def test_withdrawing_and_taking_back_are_posts_only(signed_in, suggestion, suggester, make_user):
    member = make_user()
    Second.objects.create(suggestion=suggestion, user=member)

    withdraw = signed_in(suggester).get(withdraw_url(suggestion))
    take_back = signed_in(member).get(take_back_url(suggestion))

    assert (withdraw.status_code, take_back.status_code) == (405, 405)
    assert Second.objects.count() == 1


@pytest.mark.parametrize("status", [Status.VOTING, Status.CLOSED])
def test_once_the_season_moves_on_suggestions_and_seconds_stand(
    signed_in, make_season, make_suggestion, suggester, make_user, status
):
    season = make_season(status=status)
    suggestion = make_suggestion(season, suggested_by=suggester)
    unseconded = make_suggestion(season, suggested_by=suggester)
    member = make_user()
    Second.objects.create(suggestion=suggestion, user=member)

    withdrawn = signed_in(suggester).post(withdraw_url(unseconded), follow=True)
    taken_back = signed_in(member).post(take_back_url(suggestion), follow=True)

    for response in (withdrawn, taken_back):
        assert response.redirect_chain == [(season.get_absolute_url(), 302)]
        assert said(response) == [SETTLED.format(season=season)]
    assert Suggestion.objects.filter(season=season).count() == 2
    assert Second.objects.count() == 1


def test_a_member_takes_back_their_second_and_only_theirs(signed_in, season, suggestion, make_user):
    member, other = make_user(), make_user()
    for user in (member, other):
        Second.objects.create(suggestion=suggestion, user=user)

    response = signed_in(member).post(take_back_url(suggestion), follow=True)

    assert said(response) == ["You took back your second of Sunrise (1927)."]
    assert list(suggestion.seconds.values_list("user", flat=True)) == [other.pk]
    assert "seconded by 1 member" in page_text(response)


@pytest.mark.parametrize("who", ["the suggester", "a member who did not second it", "staff"])
def test_taking_back_a_second_not_given_changes_nothing(
    signed_in, suggestion, suggester, make_user, who
):
    Second.objects.create(suggestion=suggestion, user=make_user())
    user = {
        "the suggester": suggester,
        "a member who did not second it": make_user(),
        "staff": make_user(is_staff=True, is_superuser=True),
    }[who]

    response = signed_in(user).post(take_back_url(suggestion), follow=True)

    assert said(response) == ["You had not seconded Sunrise (1927)."]
    assert Second.objects.count() == 1


def test_a_withdrawn_suggestion_is_not_found_again(signed_in, suggestion, suggester):
    client = signed_in(suggester)
    client.post(withdraw_url(suggestion))

    response = client.post(withdraw_url(suggestion))

    assert response.status_code == 404


def test_withdrawing_and_taking_back_count_against_seconding_s_limit(
    signed_in, season, make_suggestion, make_user, settings
):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "season-second": "3/m"}
    member = make_user()
    mine = make_suggestion(season, suggested_by=member)
    theirs = make_suggestion(season)
    client = signed_in(member)

    answers = [
        client.post(reverse("seasons:second", args=[season.slug, theirs.pk])).status_code,
        client.post(take_back_url(theirs)).status_code,
        client.post(withdraw_url(mine)).status_code,
        client.post(withdraw_url(mine)).status_code,
    ]

    assert answers == [302, 302, 302, 429]


def test_the_season_page_offers_each_member_their_own_undoing(
    signed_in, season, suggestion, suggester, make_suggestion, make_user
):
    member = make_user()
    seconded = make_suggestion(season, suggested_by=suggester)
    Second.objects.create(suggestion=seconded, user=member)

    own = page_text(signed_in(suggester).get(season.get_absolute_url()))
    others = page_text(signed_in(member).get(season.get_absolute_url()))

    assert own.count("<summary>Withdraw my suggestion</summary>") == 1  # not the seconded one
    assert f'action="{withdraw_url(suggestion)}"' in own
    assert "Yes, withdraw Sunrise (1927)</button>" in own
    assert f'action="{withdraw_url(seconded)}"' not in own
    assert "Withdraw my suggestion" not in others
    assert others.count("Take back my second</button>") == 1
    assert f'action="{take_back_url(seconded)}"' in others


@pytest.mark.parametrize("status", [Status.VOTING, Status.CLOSED])
def test_the_season_page_offers_no_undoing_once_it_moves_on(
    signed_in, make_season, make_suggestion, suggester, make_user, status
):
    season = make_season(status=status)
    suggestion = make_suggestion(season, suggested_by=suggester)
    member = make_user()
    Second.objects.create(suggestion=make_suggestion(season), user=member)

    own = page_text(signed_in(suggester).get(season.get_absolute_url()))
    others = page_text(signed_in(member).get(season.get_absolute_url()))

    assert "Withdraw my suggestion" not in own
    assert withdraw_url(suggestion) not in own
    assert "Take back my second" not in others
