"""Issue 17's journey, as one member lives it: they bring their Letterboxd history, find it in
their diary, rate a film by keyboard alone, put one on their watchlist, follow another member and
find that member's review leading their home page, and take all their data away."""

import csv
import io
import zipfile

import pytest
from playwright.sync_api import expect

from filmclub.tests.axe import axe_violations, blocking
from filmclub.tests.conftest import DESKTOP, rate_by_keyboard, sign_in
from films.models import Film
from members.tests.letterboxd_export import letterboxd_export

pytestmark = pytest.mark.browser


def rows(archive, name):
    return list(csv.reader(io.StringIO(archive.read(name).decode())))


def tab_to(page, selector, presses=80):
    """Press Tab until `selector` has the focus, as a keyboard user reaches a control."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {selector}")


def test_member_imports_rates_watchlists_follows_and_exports(
    live_seeded, watched_page, make_user, make_review, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    make_user(username="cinephile", email="cine@example.com", password="tian-mi-mi-96")
    ana = make_user(username="ana", display_name="Ana")
    make_review(
        author=ana,
        film=Film.objects.get(slug="fallen-angels"),
        title="Neon and noodles",
        body="Wong Kar-wai's night city, seen from the back of a motorbike.",
        rating=9,
    )
    sign_in(page, live_seeded.url, email="cine@example.com", password="tian-mi-mi-96")

    # Bring the Letterboxd history: the preview, then the import.
    page.locator(".member-menu summary").click()
    page.get_by_role("link", name="Your data: import, export").click()
    page.get_by_role("link", name="Import a Letterboxd export").click()
    page.get_by_label("Your Letterboxd export (.zip)").set_input_files(
        {"name": "letterboxd.zip", "mimeType": "application/zip", "buffer": letterboxd_export()}
    )
    page.get_by_role("button", name="Read my export").click()
    expect(page.get_by_role("heading", name="Not in the catalogue (1)")).to_be_visible()
    expect(page.locator(".import-unmatched li")).to_have_text(["A Film Nobody Catalogued (1987)"])
    screenshot(page, "letterboxd-preview-desktop")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported: letterboxd.zip")
    expect(page.locator("#import-progress")).to_have_attribute("value", "100")
    screenshot(page, "letterboxd-imported-desktop")

    # The history is theirs here: the review on their page, the viewings in their diary.
    page.get_by_role("link", name="Your page").click()
    expect(page.locator(".review-card-excerpt", has_text="Saw it in the park.")).to_be_visible()
    page.goto(f"{live_seeded.url}/members/cinephile/diary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your diary")
    comrades = page.locator(".diary-line", has_text="Comrades: Almost a Love Story")
    expect(comrades).to_have_count(2)
    expect(comrades.locator(".badge", has_text="rewatch")).to_have_count(1)
    expect(comrades.locator(".tag")).to_have_text(["outdoor", "Fort Greene"])
    assert blocking(axe_violations(page)) == []  # its badges and tags readable (contrast)

    # Rate a film by keyboard alone: Tab into the stars, arrows to 3½, Tab to the button, Enter.
    page.goto(f"{live_seeded.url}/films/bright-star/")
    tab_to(page, "input[name=rating]")
    expect(page.locator("#quick-rating_0")).to_be_focused()
    rate_by_keyboard(page, 7, "Rated 3½ out of 5.")
    expect(page.locator(".film-status")).to_contain_text("You rated it")

    # Put another on the watchlist.
    page.goto(f"{live_seeded.url}/films/irma-vep/")
    page.get_by_role("button", name="Watchlist").click()
    expect(page.get_by_role("button", name="Watchlist")).to_have_attribute("aria-pressed", "true")

    # Follow Ana: her review leads the home page.
    page.goto(f"{live_seeded.url}/members/ana/")
    page.get_by_role("button", name="Follow Ana").click()
    expect(page.get_by_role("button", name="Following Ana · unfollow")).to_be_visible()
    page.goto(f"{live_seeded.url}/")
    first = page.locator(".activity-feed .feed-item").first
    expect(first.locator(".feed-line")).to_contain_text("Ana")
    expect(first.locator(".feed-line")).to_contain_text("Fallen Angels (1995)")
    expect(first.get_by_role("link", name="Neon and noodles")).to_be_visible()
    screenshot(page, "home-feed-desktop")

    # Take it all away: the zip holds the import, the rating and the watchlist.
    page.goto(f"{live_seeded.url}/members/cinephile/export/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (.zip)").click()
    with open(download.value.path(), "rb") as saved:
        archive = zipfile.ZipFile(io.BytesIO(saved.read()))
    diary = rows(archive, "diary.csv")
    assert diary[0] == ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags",
                        "Watched Date"]  # fmt: skip
    assert [row[1:2] + row[4:] for row in diary[1:]] == [
        ["Comrades: Almost a Love Story", "4", "", "", "2021-02-27"],
        ["Comrades: Almost a Love Story", "4.5", "Yes", "outdoor, Fort Greene", "2023-06-30"],
    ]
    ratings = {row[1]: row[4] for row in rows(archive, "ratings.csv")[1:]}
    assert ratings == {
        "Comrades: Almost a Love Story": "4.5",
        "Irma Vep": "3.5",
        "Bright Star": "3.5",
    }
    assert [row[1] for row in rows(archive, "watchlist.csv")[1:]] == ["Fallen Angels", "Irma Vep"]
    assert "filmclub.json" in archive.namelist()
