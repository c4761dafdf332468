"""Hostile and malformed input never gives a 500: it gets a clear 4xx or a form error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from films.tests.test_admin import film_form

# Every public page of the seeded club, lists, detail pages and feeds.
PUBLIC_PAGES = [
    "/",
    "/films/",
    "/films/comrades-almost-a-love-story/",
    "/films/comrades-almost-a-love-story/reviews/",
    "/films/comrades-almost-a-love-story/reviews/feed/",
    "/people/peter-chan/",
    "/reviews/",
    "/reviews/feed/",
    "/reviews/odessa-comrades-almost-a-love-story/",
    "/members/odessa/",
    "/screenings/",
    "/screenings/past/",
    "/screenings/calendar.ics",
    "/screenings/2025-06-30-fort-greene-park/",
    "/screenings/2025-06-30-fort-greene-park/calendar.ics",
    "/venues/fort-greene-park/",
]
PARAMS = ["q", "year", "country", "language", "page", "sort", "x"]
param_names = st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=20))

query_values = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(["", "0", "-1", "1e309", "last", "%00", "\x00", "NaN", "9" * 40, "'; --"]),
)


@pytest.fixture
def catalogue(seeded):
    return seeded


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(PUBLIC_PAGES),
    params=st.dictionaries(param_names, query_values, max_size=4),
)
def test_any_query_parameters_never_give_a_server_error(client, catalogue, path, params):
    response = client.get(path, params)

    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "lion\x00"}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"year": "99999999999999999999"}, "year"),
        ({"country": "\x00"}, "country"),
    ],
)
def test_bad_catalogue_filters_are_field_errors(client, catalogue, params, field):
    response = client.get(reverse("films:list"), params)

    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == [field]
    assert len(response.context["films"]) == 5


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999999", "1.5"])
def test_bad_page_numbers_are_404_in_the_sites_look(client, catalogue, page):
    response = client.get(reverse("films:list"), {"page": page})

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/films/%00/",
        "/films/" + "a" * 2000 + "/",
        "/people/%E2%80%AE/",
        "/reviews/..%2F..%2Fetc%2Fpasswd/",
        "/members/nobody-at-all/",
    ],
)
def test_unknown_or_odd_slugs_are_404(client, catalogue, url):
    response = client.get(url)

    assert response.status_code == 404


def test_query_string_with_too_many_fields_is_a_friendly_400(client, catalogue):
    response = client.get("/films/?" + "&".join(f"k{n}=v" for n in range(2000)))

    assert response.status_code == 400
    assert "We couldn’t understand that request" in response.text


def test_long_query_string_is_answered(client, catalogue):
    response = client.get(reverse("films:list"), {"q": "lion", "x": "y" * 5000})

    assert response.status_code == 200
    assert len(response.context["films"]) == 1


def test_nul_byte_and_over_long_title_in_the_film_admin_are_field_errors(client, staff_user, db):
    client.force_login(staff_user)
    data = film_form(title="Lion\x00", slug="x" * 400, year="abc")

    response = client.post(reverse("admin:films_film_add"), data)

    assert response.status_code == 200
    assert sorted(response.context["adminform"].form.errors) == ["slug", "title", "year"]
