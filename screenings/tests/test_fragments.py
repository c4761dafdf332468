"""RSVPs posted by the site's script (X-Requested-With: fetch): the "Going" section as JSON."""

import re

from django.urls import reverse

from core.pagecache import is_cacheable_response
from screenings.attendance import RSVP

SCRIPT = {"HTTP_X_REQUESTED_WITH": "fetch"}


def test_rsvp_by_script_answers_with_the_going_section_and_the_message(
    member_client, make_screening
):
    screening = make_screening()

    response = member_client.post(reverse("screenings:rsvp", args=[screening.slug]), **SCRIPT)
    data = response.json()

    assert response.status_code == 200
    assert data["messages"] == [{"level": "success", "text": "You are going. See you there!"}]
    assert data["html"].startswith('<section id="going" aria-labelledby="going-heading"')
    assert "<strong>1</strong> going" in data["html"]
    assert "I can’t go after all</button>" in data["html"]
    assert 'name="csrfmiddlewaretoken"' in data["html"]
    assert screening.rsvps.count() == 1


def test_message_shown_by_the_script_is_not_shown_again_on_the_next_page(
    member_client, make_screening
):
    screening = make_screening()
    member_client.post(reverse("screenings:rsvp", args=[screening.slug]), **SCRIPT)

    page = member_client.get(screening.get_absolute_url())

    assert "See you there!" not in page.text


def test_withdrawing_by_script_shows_the_rsvp_button_again(member_client, member, make_screening):
    screening = make_screening()
    RSVP.objects.create(screening=screening, user=member)

    response = member_client.post(
        reverse("screenings:cancel_rsvp", args=[screening.slug]), **SCRIPT
    )
    data = response.json()

    assert data["messages"] == [{"level": "success", "text": "You are no longer going."}]
    assert "<strong>0</strong> going" in data["html"]
    assert "I’m going</button>" in data["html"]


def test_full_screening_by_script_says_so_as_an_error(member_client, make_screening, make_user):
    screening = make_screening(capacity=1)
    RSVP.objects.create(screening=screening, user=make_user())

    data = member_client.post(reverse("screenings:rsvp", args=[screening.slug]), **SCRIPT).json()

    assert data["messages"] == [{"level": "error", "text": "Sorry, this screening is full."}]
    assert "<p>This screening is full. <button" in data["html"]
    assert "Join the waitlist</button>" in data["html"]


def test_withdrawing_without_an_rsvp_says_so(member_client, make_screening):
    screening = make_screening()

    response = member_client.post(
        reverse("screenings:cancel_rsvp", args=[screening.slug]), follow=True
    )

    assert response.redirect_chain == [(screening.get_absolute_url(), 302)]
    assert '<p class="message message-info">You had not said you were going.</p>' in response.text


def test_fragment_is_private_and_never_cached(member_client, make_screening):
    screening = make_screening()

    response = member_client.post(reverse("screenings:rsvp", args=[screening.slug]), **SCRIPT)

    assert response["Cache-Control"] == "private, no-store"
    assert response["Vary"] == "X-Requested-With, Cookie"
    assert is_cacheable_response(response.wsgi_request, response) is False


def test_rsvp_by_script_needs_the_csrf_token(member, signed_in, make_screening):
    client = signed_in(member, enforce_csrf_checks=True)
    screening = make_screening()

    response = client.post(reverse("screenings:rsvp", args=[screening.slug]), **SCRIPT)

    assert response.status_code == 403
    assert RSVP.objects.count() == 0


def test_rsvp_by_script_with_the_forms_token_is_accepted(member, signed_in, make_screening):
    client = signed_in(member, enforce_csrf_checks=True)
    screening = make_screening()
    page = client.get(screening.get_absolute_url())
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = client.post(
        reverse("screenings:rsvp", args=[screening.slug]),
        {"csrfmiddlewaretoken": token},
        **SCRIPT,
    )

    assert response.json()["messages"][0]["text"] == "You are going. See you there!"
    assert screening.rsvps.count() == 1


def test_withdrawing_again_from_a_second_tab_says_she_is_no_longer_going(
    member_client, make_screening
):
    screening = make_screening()
    member_client.post(reverse("screenings:rsvp", args=[screening.slug]))
    page = member_client.get(screening.get_absolute_url()).text  # the second tab, left open
    assert "I can’t go after all" in page
    url = reverse("screenings:cancel_rsvp", args=[screening.slug])
    form = page.split(url)[1].split("</form>")[0]
    posted = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))

    first = member_client.post(url, posted, **SCRIPT).json()
    second = member_client.post(url, posted, **SCRIPT).json()

    assert first["messages"] == [{"level": "success", "text": "You are no longer going."}]
    assert second["messages"] == [{"level": "info", "text": "You are no longer down as going."}]
    assert not RSVP.objects.filter(screening=screening).exists()
