"""A change to the programme shows at once where the programme does; an RSVP only where its
screening does."""

from django.urls import reverse

from filmclub.tests.test_cache_tags import hits
from screenings.rsvps import take_rsvp


def test_a_cancelled_screening_shows_at_once_on_the_screenings_list_and_the_home_page(
    client, make_screening
):
    screening = make_screening()
    pages = [reverse("screenings:list"), reverse("home"), screening.get_absolute_url()]
    for page in pages:
        client.get(page)
    assert hits(client, pages) == ["hit", "hit", "hit"]

    screening.status = screening.Status.CANCELLED
    screening.status_reason = "Thunderstorms."
    screening.save()

    for page in pages:
        response = client.get(page)
        assert response["X-Page-Cache"] == "miss", page
        assert "Thunderstorms." in response.text, page


def test_an_rsvp_refreshes_its_screening_and_leaves_the_catalogue_and_reviews_cached(
    client, make_screening, make_user, make_review
):
    screening = make_screening()
    make_review()
    pages = [reverse("films:list"), reverse("reviews:list")]
    for page in [screening.get_absolute_url(), *pages]:
        client.get(page)

    take_rsvp(screening=screening, user=make_user())

    assert client.get(screening.get_absolute_url())["X-Page-Cache"] == "miss"
    assert hits(client, pages) == ["hit", "hit"]
