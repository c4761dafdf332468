"""Issue 17 (diary) in a real browser: the film page puts the club first (the average and "Log"
within the first screen on a phone and on a desktop), and a member rates a film by keyboard
alone, puts it on their watchlist, logs it and finds it in their diary."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, rate_by_keyboard
from films.models import Film
from screenings.models import ProgrammeItem, Screening, Venue

pytestmark = pytest.mark.browser

FILM = "/films/comrades-almost-a-love-story/"
PHONE_390 = {"width": 390, "height": 844}


def first_screen_bottoms(page, selector):
    """How far down the page `selector`'s element ends, and the screen's height, at the top."""
    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator(selector).first.bounding_box()
    return box["y"] + box["height"], page.viewport_size["height"]


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone-390", "desktop-1280"])
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_film_page_shows_the_average_and_log_in_the_first_screen(
    live_seeded, watched_page, sign_in_new_member, make_review, screenshot, viewport, who
):
    page = watched_page
    page.set_viewport_size(viewport)
    film = Film.objects.get(slug="comrades-almost-a-love-story")
    make_review(film=film, rating=8)
    make_review(film=film, rating=9, title="", body="")
    # The panel in full: the club shows the film again tomorrow (the next screening goes last).
    venue = Venue.objects.get(slug="fort-greene-park")
    tomorrow = timezone.now().astimezone(venue.tz).date() + datetime.timedelta(days=1)
    screening = Screening.objects.create(venue=venue, date=tomorrow, starts_at_dusk=True)
    ProgrammeItem.objects.create(screening=screening, film=film, order=1)
    if who == "member":
        sign_in_new_member(page, live_seeded.url, "mei")

    page.goto(live_seeded.url + FILM)

    average = page.locator(".club-panel .rating-summary figcaption")
    expect(average).to_contain_text("Average")
    log = page.locator(".film-status").get_by_role("link", name="Log", exact=True)
    expect(log).to_be_visible()
    expect(page.locator(".club-panel .next-screening h2")).to_have_text("Next screening: Tomorrow")
    for element in (".club-panel .rating-summary figcaption", ".film-status a.button"):
        bottom, height = first_screen_bottoms(page, element)
        assert bottom <= height, f"{element} ends at {bottom:.0f} px, below the first {height} px"
    screenshot(page, f"film-club-first-{who}-{viewport['width']}")


def test_member_rates_by_keyboard_watchlists_logs_and_finds_it_in_the_diary(
    live_seeded, watched_page, sign_in_new_member, screenshot
):
    page = watched_page
    page.set_viewport_size(PHONE_390)
    sign_in_new_member(page, live_seeded.url, "mei")
    page.goto(live_seeded.url + FILM)
    status = page.locator(".film-status")
    expect(status).to_contain_text("You have not logged it yet")

    # Rate by keyboard: into the control, arrows to 4 stars, then to the button.
    page.locator("#quick-rating_0").focus()
    rate_by_keyboard(page, 8, "Rated 4 out of 5.")
    expect(status).to_contain_text("You rated it")
    expect(page.locator("#quick-rating_8")).to_be_checked()

    # Clicking the chosen star again clears the choice (the script), before saving.
    page.locator("label[for=quick-rating_8]").click()
    expect(page.locator("#quick-rating_0")).to_be_checked()

    page.get_by_role("button", name="Watchlist").click()
    expect(page.get_by_role("button", name="Watchlist")).to_have_attribute("aria-pressed", "true")
    screenshot(page, "film-status-member-phone")

    status.get_by_role("link", name="Log", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a film")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".log-entry h1")).to_contain_text("mei")

    page.goto(live_seeded.url + FILM)
    expect(status).to_contain_text("You watched it on")
    expect(page.get_by_role("button", name="Watchlist")).to_have_attribute("aria-pressed", "false")

    page.goto(live_seeded.url + "/members/mei/diary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your diary")
    expect(page.locator(".diary-line")).to_have_count(1)
    screenshot(page, "diary-phone")


def test_the_star_control_lights_the_chosen_rating_and_the_stars_before_it(
    live_seeded, watched_page, sign_in_new_member
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    sign_in_new_member(page, live_seeded.url, "mei")
    page.goto(live_seeded.url + FILM)
    control = page.locator(".quick-rate")

    def lit():
        """How many half stars are drawn in the accent colour (the chosen one and before)."""
        return control.evaluate(
            """control => {
                const accent = getComputedStyle(document.documentElement)
                    .getPropertyValue("--accent").trim();
                const probe = document.createElement("span");
                probe.style.color = accent;
                control.append(probe);
                const colour = getComputedStyle(probe).color;
                probe.remove();
                return [...control.querySelectorAll("label.star")]
                    .filter(label => getComputedStyle(label).color === colour).length;
            }"""
        )

    assert lit() == 0
    page.locator("label[for=quick-rating_7]").click()
    assert lit() == 7
    page.get_by_role("button", name="Save rating").click()
    expect(page.locator(".message").first).to_have_text("Rated 3½ out of 5.")
    expect(page.locator("#quick-rating_7")).to_be_checked()
    assert lit() == 7
    page.locator("label[for=quick-rating_2]").click()
    assert lit() == 2


def test_a_forms_cancel_link_stands_apart_from_its_button(
    live_seeded, watched_page, sign_in_new_member
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    sign_in_new_member(page, live_seeded.url, "mei")
    page.goto(f"{live_seeded.url}/members/mei/edit/")

    save = page.get_by_role("button", name="Save").bounding_box()
    cancel = page.get_by_role("link", name="Cancel", exact=True).bounding_box()

    assert cancel["x"] - (save["x"] + save["width"]) >= 16
