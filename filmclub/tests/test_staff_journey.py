"""Staff add a film with two cast members and a poster, and schedule it with a short: in a real
browser, counting every step a person takes (each click, field filled, option chosen, file
uploaded). Issue 20 counted 47 steps for this before the admin's film form and "Schedule a
screening of this film"; the journey must take at most 25.
"""

import datetime
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, PHONE, SCREENSHOTS, STAFF_EMAIL, STAFF_PASSWORD

pytestmark = pytest.mark.browser

MOST_STEPS = 25


class Steps:
    """The page's actions a person performs, counted."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, locator, text):
        self.count += 1
        locator.fill(text)

    def upload(self, locator, files):
        self.count += 1
        locator.set_input_files(files)

    def choose(self, row, typed, name):
        """A select2 autocomplete: open it, type, pick the option (three steps)."""
        self.click(self.page.locator(f"#{row} .select2-selection"))
        self.fill(self.page.locator(".select2-container--open .select2-search__field"), typed)
        self.click(self.page.locator(".select2-results__option", has_text=name))
        expect(self.page.locator(f"#{row} .select2-selection__rendered")).to_contain_text(name)


def poster_png():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 600), (40, 90, 140)).save(buffer, format="PNG")
    return {"name": "sky.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_staff_add_a_film_and_schedule_it_with_a_short_in_few_steps(
    live_seeded, watched_page, staff_superuser, screenshot
):
    from films.models import Film
    from screenings.models import Screening

    page = watched_page
    page.set_viewport_size(DESKTOP)
    steps = Steps(page)
    page.goto(f"{live_seeded.url}/admin/")
    steps.fill(page.get_by_label("Email"), STAFF_EMAIL)
    steps.fill(page.get_by_label("Password"), STAFF_PASSWORD)
    steps.click(page.get_by_role("button", name="Sign In"))
    expect(page.locator("#site-name")).to_have_text("filmclub staff")

    steps.click(page.locator('a.addlink[aria-describedby="films-film"]'))
    steps.fill(page.get_by_label("Title:", exact=True), "The Sky Is Still Blue")
    steps.fill(page.get_by_label("Year:", exact=True), "2024")
    steps.upload(page.get_by_label("Poster:", exact=True), poster_png())
    steps.choose("cast-0", "Maggie", "Maggie Cheung")
    steps.fill(page.get_by_label("Cast member 1: character", exact=True), "Qiao")
    steps.click(page.get_by_role("button", name="Add another Cast member"))
    steps.choose("cast-1", "Leon", "Leon Lai")
    steps.fill(page.get_by_label("Cast member 2: character", exact=True), "Xiaojun")
    screenshot(page, "admin-film-add-desktop")
    steps.click(page.get_by_role("button", name="Save and continue editing"))
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    expect(page.get_by_role("img", name="Poster for The Sky Is Still Blue")).to_be_visible()
    expect(page.locator("#cast-heading")).to_have_text("Cast: 2 people")

    steps.click(page.get_by_role("link", name="Schedule a screening of this film"))
    expect(page.locator("#items-1 .select2-selection__rendered")).to_contain_text(
        "The Sky Is Still Blue"
    )
    steps.choose("items-0", "Lion", "To Become a Lion")
    screenshot(page, "admin-screening-scheduled-from-film-desktop")
    steps.click(page.get_by_role("button", name="Save", exact=True))
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    film = Film.objects.get(title="The Sky Is Still Blue")
    assert [credit.person.name for credit in film.cast.all()] == ["Maggie Cheung", "Leon Lai"]
    assert film.poster_card
    screening = Screening.objects.featuring(film).get()
    assert [item.film.title for item in screening.items.all()] == [
        "To Become a Lion",
        "The Sky Is Still Blue",
    ]
    assert screening.venue.slug == "fort-greene-park"
    assert screening.starts_at_dusk is True
    assert screening.date > datetime.date.today() - datetime.timedelta(days=1)
    assert steps.count <= MOST_STEPS, f"{steps.count} steps"
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "staff-journey-steps.txt").write_text(f"{steps.count} steps (47 before)\n")

    page.goto(f"{live_seeded.url}{screening.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Sky Is Still Blue")
    expect(page.locator(".programme li").first).to_contain_text("To Become a Lion")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_seeded.url}/admin/films/film/{film.pk}/change/")
    screenshot(page, "admin-film-change-phone")
