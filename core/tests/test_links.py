import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.links import reverse_one


@pytest.fixture
def script_prefix():
    yield
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("viewname", "argument", "value"),
    [
        ("films:detail", "slug", "comrades-almost-a-love-story"),
        ("films:person", "slug", "leon_lai-2"),
        ("members:detail", "handle", "Maggie"),
        ("screenings:venue", "slug", "x"),
    ],
)
def test_a_link_is_what_reverse_makes(viewname, argument, value):
    assert reverse_one(viewname, argument, value) == reverse(viewname, kwargs={argument: value})


def test_a_value_routes_refuse_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        reverse_one("films:detail", "slug", "not a slug")


def test_links_follow_the_script_prefix(script_prefix):
    reverse_one("films:detail", "slug", "irma-vep")

    set_script_prefix("/club/")

    assert reverse_one("films:detail", "slug", "irma-vep") == "/club/films/irma-vep/"
