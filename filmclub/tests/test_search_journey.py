"""A visitor on a phone finds Leon Lai by the name a commenter knew him by (issue 18)."""

import pytest
from playwright.sync_api import expect

from filmclub.tests.conftest import PHONE, horizontal_overflow

pytestmark = pytest.mark.browser


def test_visitor_on_a_phone_finds_leon_lai_by_li_ming_from_the_header(
    live_seeded, watched_page, screenshot
):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_seeded.url + "/reviews/")

    page.get_by_role("search", name="Find anything").get_by_label("Find anything").fill("Li Ming")
    page.get_by_role("button", name="Find").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    people = page.locator("section", has=page.get_by_role("heading", name="People"))
    expect(people.get_by_role("link")).to_have_text(["Leon Lai", "Everyone matching “Li Ming”"])
    expect(people.locator("[lang='zh-Hant']")).to_have_text("黎明")
    assert horizontal_overflow(page) == 0
    screenshot(page, "search-li-ming-phone")
    people.get_by_role("link", name="Leon Lai").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Leon Lai")
