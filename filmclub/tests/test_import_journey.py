"""Issue 18's import journey in a real browser: staff paste a film's article in the admin,
preview it, add the film, and find it with its cast on the public site."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, STAFF_EMAIL, STAFF_PASSWORD
from films.models import Film

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[2] / "films" / "tests" / "fixtures"
ARTICLE = FIXTURES / "fallen_angels.wiki"


def test_staff_import_a_film_from_its_article_and_see_it_on_the_site(
    live_seeded, watched_page, staff_superuser, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    base = live_seeded.url
    Film.objects.filter(slug="fallen-angels").delete()  # the seeds know it: add it afresh
    page.goto(f"{base}/admin/films/film/")
    page.get_by_label("Email").fill(STAFF_EMAIL)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("link", name="Import from wikitext").click()
    page.get_by_label("Wikitext of the article").fill(ARTICLE.read_text())
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: Fallen Angels")
    expect(page.locator(".wikitext-unparsed")).to_contain_text("Cast line “as a passer-by")
    screenshot(page, "admin-wikitext-preview-desktop")
    page.get_by_role("button", name="Add the film").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "Added Fallen Angels (1995) from its article."
    )

    page.goto(f"{base}/films/fallen-angels/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fallen Angels")
    expect(page.locator(".credit-list").first).to_contain_text("Takeshi Kaneshiro")
    page.locator(".credit-list").get_by_role("link", name="Leon Lai").click()
    expect(page.locator(".credit-list").first).to_contain_text("Fallen Angels (1995)")
    screenshot(page, "film-imported-desktop")
