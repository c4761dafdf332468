"""Suggesting is rate limited by what is suggested (core/ratelimit.py): a suggestion sent back
for what was typed does not use up the member's allowance, a loop of bad posts is still stopped,
and over the limit the form comes back with the pitch typed and the real wait."""

import pytest
from django.urls import reverse

from seasons.models import Suggestion

PITCH = "Tarkovsky under the stars, in the long light of June."


def suggest(client, season, **data):
    return client.post(reverse("seasons:suggest", args=[season.slug]), data)


@pytest.fixture
def suggested_once(signed_in, make_season, make_user, make_film, settings):
    """(a member's client, a season) once the member made one suggestion, suggesting limited to
    `limit`."""

    def at(limit):
        settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "season-suggest": limit}
        season = make_season()
        client = signed_in(make_user())
        suggest(client, season, film=make_film().slug, pitch="First")
        return client, season

    return at


def test_suggestions_sent_back_do_not_use_up_the_limit(
    signed_in, make_season, make_user, make_film
):
    """The QA walk: three invalid, one valid, a duplicate; the next valid one was a 429."""
    season = make_season()  # "season-suggest": "5/m,30/h" as set
    taken, film = make_film(title="Sunrise"), make_film(title="Stalker")
    client = signed_in(make_user())

    sent_back = [
        suggest(client, season, pitch=""),
        suggest(client, season, title="Solaris", year="3000", pitch=PITCH),
        suggest(client, season, title="Solaris", year="1972", pitch="x" * 2000),
    ]
    made = suggest(client, season, film=taken.slug, pitch=PITCH)
    duplicate = suggest(client, season, film=taken.slug, pitch=PITCH)
    accepted = suggest(client, season, film=film.slug, pitch=PITCH)

    assert [r.status_code for r in sent_back] == [200, 200, 200]
    assert (made.status_code, duplicate.status_code, accepted.status_code) == (302, 200, 302)
    assert Suggestion.objects.count() == 2


def test_a_loop_of_suggestions_sent_back_is_still_stopped(
    signed_in, make_season, make_user, settings
):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "season-suggest": "2/m"}
    season = make_season()
    client = signed_in(make_user())

    answers = [suggest(client, season, pitch="").status_code for _ in range(7)]

    assert answers == [200] * 6 + [429]  # three times the limit, for posts sent back


def test_over_the_limit_the_form_comes_back_with_the_pitch_and_the_wait(suggested_once):
    client, season = suggested_once("1/h")

    refused = suggest(client, season, title="Stalker", year="1979", pitch=PITCH)

    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "3600"
    assert refused.context["form"].non_field_errors() == [
        "You are doing that faster than the club allows. Nothing was saved: wait about an "
        "hour, then try again. What you typed is still here."
    ]
    assert f"{PITCH}</textarea>" in refused.text
    assert 'value="Stalker"' in refused.text
    assert Suggestion.objects.count() == 1


def test_over_the_limit_by_the_minute_the_wait_is_a_minute(suggested_once, make_film):
    client, season = suggested_once("1/m")

    refused = suggest(client, season, film=make_film().slug, pitch=PITCH)

    assert refused.status_code == 429
    assert "wait a minute, then try again" in refused.context["form"].non_field_errors()[0]


def test_a_ballot_sent_back_does_not_use_up_the_limit(
    signed_in, make_season, make_suggestion, make_user, settings
):
    from seasons.models import Season

    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "season-vote": "1/m"}
    season = make_season(status=Season.Status.VOTING)
    first, second = (make_suggestion(season, is_shortlisted=True) for _ in range(2))
    client = signed_in(make_user())
    url = reverse("seasons:vote", args=[season.slug])

    sent_back = client.post(url, {f"rank_{first.pk}": "9"})
    cast = client.post(url, {f"rank_{first.pk}": "1", f"rank_{second.pk}": "2"})
    over = client.post(url, {f"rank_{first.pk}": "2", f"rank_{second.pk}": "1"})

    assert (sent_back.status_code, cast.status_code, over.status_code) == (200, 302, 429)
    assert 'value="2"' in over.text  # the ranking typed, shown again
