"""A member brings their Letterboxd history, finds it on their page, and takes their data away."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, sign_in
from members.tests.letterboxd_export import letterboxd_export

pytestmark = pytest.mark.browser


def test_member_imports_a_letterboxd_export_and_exports_their_data(
    live_seeded, watched_page, make_user, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    make_user(username="cinephile", email="cine@example.com", password="tian-mi-mi-96")
    sign_in(page, live_seeded.url, email="cine@example.com", password="tian-mi-mi-96")

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
    page.get_by_role("link", name="Your page").click()
    expect(page.locator(".review-card-excerpt", has_text="Saw it in the park.")).to_be_visible()
    page.goto(f"{live_seeded.url}/members/cinephile/diary/")
    diary_films = page.locator(".diary-film", has_text="Comrades: Almost a Love Story")
    expect(diary_films.first).to_be_visible()

    page.goto(f"{live_seeded.url}/members/cinephile/export/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (.zip)").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    diary = archive.read("diary.csv").decode().splitlines()
    assert diary[0] == "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"
    assert len(diary) == 3
    assert "filmclub.json" in archive.namelist()
