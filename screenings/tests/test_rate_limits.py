"""Going / not going is rate limited like every member write (core/ratelimit.py)."""

import json

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["screenings:rsvp", "screenings:cancel_rsvp"])
def test_rsvp_toggles_are_limited_and_write_nothing_over_it(
    client, make_user, make_screening, settings, name
):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "rsvp": "2/m"}
    screening = make_screening()
    member = make_user()
    client.force_login(member)
    client.post(reverse("screenings:rsvp", args=[screening.slug]))
    client.post(reverse("screenings:cancel_rsvp", args=[screening.slug]))

    refused = client.post(reverse(name, args=[screening.slug]))

    assert refused.status_code == 429
    assert screening.rsvps.filter(user=member).exists() is False


def test_the_script_gets_the_refusal_as_json(client, make_user, make_screening, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "rsvp": "1/m"}
    screening = make_screening()
    client.force_login(make_user())
    url = reverse("screenings:rsvp", args=[screening.slug])
    client.post(url, headers={"X-Requested-With": "fetch"})

    refused = client.post(
        reverse("screenings:cancel_rsvp", args=[screening.slug]),
        headers={"X-Requested-With": "fetch"},
    )

    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/json"
    assert json.loads(refused.content)["messages"] == [
        {
            "level": "error",
            "text": "You are doing that faster than the club allows. Nothing was saved: "
            "wait a minute, then try again.",
        }
    ]
    assert screening.rsvps.count() == 1
