"""What every index page (/people/, /venues/, /members/) promises alike: it says so when it has
nothing to list, a page number that does not exist is not found, parameters it has no use for
are ignored, and every page leads to it."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse


@dataclass(frozen=True)
class Index:
    url_name: str
    heading: str  # its name in the menu and in the kicker of each of its rows' pages
    listed: str  # the page's list, in its context
    name: str  # what a row is listed by
    empty: str  # what it says with nothing to list
    ignored: dict  # query parameters it has no use for
    make: Callable  # make one row it lists, from the test's `request`


def a_person(request):
    return request.getfixturevalue("make_person")(name="Peter Chan")


def a_venue(request):
    return request.getfixturevalue("make_venue")(name="Fort Greene Park")


def a_member(request):
    """A member is listed for published work."""
    author = request.getfixturevalue("make_user")(username="odessa")
    return request.getfixturevalue("make_review")(author=author).author


INDEXES = [  # in Index's order: url name, heading, list, listed by, empty, ignored, make
    Index(
        "films:people",
        "People",
        "people",
        "name",
        "The catalogue has nobody in it yet.",
        {"utm_source": "x", "q[]": "y", "sort": "evil"},
        a_person,
    ),
    Index(
        "screenings:venues",
        "Venues",
        "venues",
        "name",
        "The club has no venues yet.",
        {"q": "x", "venue": "-1", "utm_medium": "x"},
        a_venue,
    ),
    Index(
        "members:list",
        "Members",
        "members",
        "username",
        "Nobody has published a review or a comment yet.",
        {"q": "x", "is_active": "false", "order": "email"},
        a_member,
    ),
]


@pytest.fixture(params=INDEXES, ids=lambda index: index.heading.lower())
def index(request, db):
    return request.param


def test_index_with_nothing_to_list_says_so(client, index):
    response = client.get(reverse(index.url_name))

    assert response.status_code == 200
    assert index.empty in response.text


@pytest.mark.parametrize("page", ["abc", "0", "2", "-1", "1.5", "9" * 30])
def test_index_page_number_that_does_not_exist_is_not_found(client, request, index, page):
    index.make(request)

    response = client.get(reverse(index.url_name), {"page": page})

    assert response.status_code == 404


def test_index_ignores_parameters_it_has_no_use_for(client, request, index):
    row = index.make(request)

    response = client.get(reverse(index.url_name), index.ignored)

    listed = [getattr(each, index.name) for each in response.context[index.listed]]
    assert listed == [getattr(row, index.name)]


def test_a_rows_page_and_every_page_lead_to_the_index(client, request, index):
    row = index.make(request)
    url = reverse(index.url_name)

    response = client.get(row.get_absolute_url())

    assert f'<p class="kicker"><a href="{url}">{index.heading}</a></p>' in response.text
    assert f'<li><a href="{url}">{index.heading}</a></li>' in response.text
