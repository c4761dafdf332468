"""“Schedule a screening of this film” on the film's public page: for staff who may add
screenings, rendered per request outside the parts of the page kept for everyone."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

LINK_TEXT = "Schedule a screening of this film"


@pytest.fixture
def scheduler(make_user):
    staff = make_user(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="add_screening"))
    return staff


def schedule_link(film):
    return f'<a href="{reverse("admin:screenings_screening_add")}?feature={film.pk}">'


def test_staff_who_schedule_see_the_link_to_a_prefilled_form(signed_in, scheduler, make_film):
    film = make_film()

    page = signed_in(scheduler).get(film.get_absolute_url()).text

    assert schedule_link(film) in page
    assert LINK_TEXT in page


def test_visitors_members_and_other_staff_never_see_it_whoever_came_first(
    client, signed_in, scheduler, make_user, make_film
):
    film = make_film()
    editor = make_user(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename="change_film"))

    staff_page = signed_in(scheduler).get(film.get_absolute_url())  # fills the shared part
    visitor_page = client.get(film.get_absolute_url())
    member_page = signed_in(make_user()).get(film.get_absolute_url())
    editor_page = signed_in(editor).get(film.get_absolute_url())
    staff_again = signed_in(scheduler).get(film.get_absolute_url())

    assert LINK_TEXT in staff_page.text
    assert LINK_TEXT not in visitor_page.text
    assert LINK_TEXT not in member_page.text
    assert LINK_TEXT not in editor_page.text
    assert schedule_link(film) in staff_again.text


def test_a_visitors_cached_page_never_gets_the_link(client, signed_in, scheduler, make_film):
    film = make_film()
    client.get(film.get_absolute_url())  # the page is kept for visitors

    signed_in(scheduler).get(film.get_absolute_url())
    cached = client.get(film.get_absolute_url())

    assert cached["X-Page-Cache"] == "hit"
    assert LINK_TEXT not in cached.text
