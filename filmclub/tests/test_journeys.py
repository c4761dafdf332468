"""The site's main journeys, in a real browser (Debian's Chromium driven by Playwright)."""

import re

import pytest
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, PHONE, horizontal_overflow

pytestmark = pytest.mark.browser


def test_visitor_finds_a_film_by_its_romanised_title_and_follows_the_cast(
    live_seeded, watched_page, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)

    page.goto(live_seeded.url)
    screenshot(page, "home-desktop")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Films").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The catalogue")
    screenshot(page, "catalogue-desktop")
    page.get_by_label("Search").fill("Tian Mi Mi")
    page.get_by_role("button", name="Search").click()

    expect(page.locator(".result-count")).to_have_text("1 film matching “Tian Mi Mi”")
    page.get_by_role("link", name="Comrades: Almost a Love Story").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comrades: Almost a Love Story")
    screenshot(page, "film-desktop")
    page.locator(".credit-list").get_by_role("link", name="Maggie Cheung").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Maggie Cheung")
    expect(page.locator(".credit-list").first).to_contain_text(
        "Comrades: Almost a Love Story (1996) as Lee Kiu"
    )
    screenshot(page, "person-desktop")


def sign_up(page, base_url, mailoutbox, *, email, handle, password):
    page.goto(f"{base_url}/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()


def test_newcomer_reviews_a_film_and_a_thread_grows(
    live_seeded, watched_page, browser, mailoutbox, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    base = live_seeded.url

    sign_up(page, base, mailoutbox, email="ana@example.com", handle="ana", password="tian-mi-mi-96")
    page.goto(f"{base}/reviews/new/")
    page.get_by_label("Film").select_option(label="Comrades: Almost a Love Story (1996)")
    page.get_by_label("Title").fill("Sweet as honey")
    page.get_by_label("Body").fill(
        "It is **bittersweet**, and *very* real.\n\n- Teresa Teng\n- New York"
    )
    page.get_by_label("Rating").select_option(label="★★★★½")
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sweet as honey")
    expect(page.locator(".prose strong")).to_have_text("bittersweet")
    page.get_by_role("link", name="Comrades: Almost a Love Story").first.click()
    expect(page.locator("#reviews")).to_contain_text("Sweet as honey")
    screenshot(page, "film-with-review-desktop")

    other = browser.new_page(viewport=DESKTOP)
    sign_up(
        other, base, mailoutbox, email="ben@example.com", handle="ben", password="comrades-1996"
    )
    other.goto(f"{base}/reviews/")
    other.get_by_role("link", name="Sweet as honey").click()
    other.get_by_label("Your comment").fill("Agreed: the ending!")
    other.get_by_role("button", name="Post comment").click()
    expect(other.locator(".comment").first).to_contain_text("Agreed: the ending!")
    other.close()

    page.reload()
    page.goto(f"{base}/reviews/")
    page.get_by_role("link", name="Sweet as honey").click()
    page.locator(".comment").first.get_by_text("Reply").click()
    page.get_by_label("Reply to ben").fill("Thank you, ben!")
    page.get_by_role("button", name="Post reply").click()

    reply = page.locator(".comment .comment-replies .comment").first
    expect(reply).to_contain_text("Thank you, ben!")
    expect(reply.locator(".badge")).to_have_text("review author")
    screenshot(page, "review-thread-desktop")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/films/",
        "/films/comrades-almost-a-love-story/",
        "/people/peter-chan/",
        "/reviews/",
        "/reviews/odessa-comrades-almost-a-love-story/",
        "/members/odessa/",
        "/accounts/login/",
        "/accounts/signup/",
    ],
)
def test_pages_fit_a_phone_screen(live_seeded, watched_page, screenshot, path):
    page = watched_page
    page.set_viewport_size(PHONE)

    page.goto(live_seeded.url + path)

    assert horizontal_overflow(page) == 0
    name = path.strip("/").replace("/", "-") or "home"
    screenshot(page, f"{name}-phone")
