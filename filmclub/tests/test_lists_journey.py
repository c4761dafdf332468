"""A member on a phone makes a ranked list from a film's page, adds a second film to it from that
film's page, chooses a favourite and sees both on their profile (issue 17)."""

import pytest
from playwright.sync_api import expect

from filmclub.tests.conftest import PHONE, horizontal_overflow

pytestmark = pytest.mark.browser


def test_member_makes_a_list_from_film_pages_and_sees_it_on_their_profile(
    live_seeded, watched_page, sign_in_new_member, screenshot
):
    page = watched_page
    page.set_viewport_size(PHONE)
    sign_in_new_member(page, live_seeded.url, "ana")

    page.goto(live_seeded.url + "/films/comrades-almost-a-love-story/")
    page.get_by_role("link", name="Make a new list with it").click()
    page.get_by_label("Title").fill("Maggie Cheung, ranked")
    page.get_by_label("Ranked: number the films in order").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maggie Cheung, ranked")

    page.goto(live_seeded.url + "/films/irma-vep/")
    page.get_by_label("Add it to your list").select_option(label="Maggie Cheung, ranked")
    page.get_by_label("Note (optional)").fill("She plays herself.")
    page.get_by_role("button", name="Add to the list").click()
    expect(page.locator(".message")).to_have_text(
        "“Irma Vep” is on your list “Maggie Cheung, ranked”."
    )
    lists = page.locator("#member-lists")
    expect(lists.get_by_role("link", name="Maggie Cheung, ranked")).to_be_visible()

    page.goto(live_seeded.url + "/members/ana/edit/")
    page.get_by_label("Favourite film 1").select_option(label="Irma Vep (1996)")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".favourite-title")).to_have_text(["Irma Vep"])
    expect(page.locator(".profile-stats")).to_contain_text("1 list")
    page.get_by_role("link", name="Maggie Cheung, ranked").click()
    expect(page.locator(".list-entry-title")).to_have_text(
        ["1. Comrades: Almost a Love Story (1996)", "2. Irma Vep (1996)"]
    )
    expect(page.get_by_text("She plays herself.")).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot(page, "member-list-phone")


def test_member_finds_a_favourite_film_by_typing_its_title(
    live_seeded, watched_page, sign_in_new_member
):
    """The favourite lists come with a box that finds any film of the catalogue (films.picker):
    typing a title chooses the first film found, and saving makes it a favourite."""
    page = watched_page
    sign_in_new_member(page, live_seeded.url, "bea")

    page.goto(live_seeded.url + "/members/bea/edit/")
    page.get_by_role("searchbox", name="Find any film for the list below").nth(1).fill("fallen ang")
    expect(page.get_by_label("Favourite film 2", exact=True)).to_have_value(
        page.evaluate(
            "fetch('/films/find/?q=fallen').then(r => r.json()).then(d => String(d.films[0].id))"
        )
    )
    expect(
        page.get_by_label("Favourite film 2", exact=True).locator("option:checked")
    ).to_have_text("Fallen Angels (1995)")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".favourite-title")).to_have_text(["Fallen Angels"])
