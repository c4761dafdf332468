"""The site's main journeys, in a real browser (Debian's Chromium driven by Playwright).

Each journey fails on a console error, a failed request or a 4xx/5xx response (`watched_page`),
and writes screenshots of the pages it passes through to screenshots/ (see README).
"""

import datetime
import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from filmclub.tests.conftest import (
    DESKTOP,
    PHONE,
    STAFF_EMAIL,
    STAFF_PASSWORD,
    PageProblems,
    horizontal_overflow,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_visitor_finds_a_film_by_its_romanised_title_and_follows_the_cast(
    live_seeded, watched_page, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)

    page.goto(live_seeded.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Films in the park, reviews by members"
    )
    expect(page.locator(".home-screenings h2")).to_have_text("Recent screenings")
    expect(page.locator(".home-reviews .review-card").first).to_be_visible()
    screenshot(page, "home-desktop")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Films").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The catalogue")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Films")
    ).to_have_attribute("aria-current", "page")
    screenshot(page, "catalogue-desktop")
    page.get_by_label("Search").fill("Tian Mi Mi")
    page.get_by_role("button", name="Search").click()

    expect(page.locator(".result-count")).to_have_text("1 film matching “Tian Mi Mi”")
    page.get_by_role("link", name="Comrades: Almost a Love Story").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comrades: Almost a Love Story")
    expect(page.locator(".original-title [lang='zh-Hant']")).to_have_text("甜蜜蜜")
    expect(page.locator(".infobox")).to_contain_text("Director")
    screenshot(page, "film-desktop")
    page.locator(".credit-list").get_by_role("link", name="Maggie Cheung").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Maggie Cheung 張曼玉")
    expect(page.locator(".credit-list").first).to_contain_text(
        "Comrades: Almost a Love Story (1996) as Lee Kiu"
    )
    screenshot(page, "person-desktop")


def test_visitor_opens_a_screening_and_downloads_its_calendar_file(
    live_seeded, watched_page, screenshot, origin
):
    page = watched_page
    page.set_viewport_size(DESKTOP)

    page.goto(live_seeded.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Screenings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What’s on")
    expect(page.locator(".empty")).to_have_text(
        "Nothing is scheduled right now. See past screenings."
    )
    page.get_by_role("link", name="See past screenings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Past screenings")
    screenshot(page, "screenings-past-desktop")
    page.get_by_role("link", name="Comrades: Almost a Love Story").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Comrades: Almost a Love Story")
    expect(page.locator(".screening-when")).to_have_text(
        "Monday, June 30, 2025 · sunset 8:31 pm · film when dark, about 9:04 pm · "
        "ends about 11:40 pm"
    )
    expect(page.locator(".programme li")).to_have_count(2)
    expect(page.locator(".programme li").first).to_contain_text("To Become a Lion")
    screenshot(page, "screening-desktop")
    # Past: nothing to add to a calendar; its file is still there for the feed's readers.
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_have_count(0)
    download = page.request.get(
        f"{live_seeded.url}/screenings/2025-06-30-fort-greene-park/calendar.ics"
    )

    assert download.headers["content-disposition"] == (
        'attachment; filename="2025-06-30-fort-greene-park.ics"'
    )
    calendar = Calendar.from_ical(download.body())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Comrades: Almost a Love Story"
    assert event.decoded("dtstart") == datetime.datetime(
        2025, 6, 30, 21, 4, tzinfo=event.decoded("dtstart").tzinfo
    )
    assert str(event.decoded("dtstart").tzinfo) == "America/New_York"
    assert str(event["location"]).startswith("Fort Greene Park, ")
    # On the site's one origin, not the test server's address (core.links.site_url).
    assert str(event["url"]) == f"{origin}/screenings/2025-06-30-fort-greene-park/"


def sign_up(page, base_url, mailoutbox, *, email, handle, password):
    page.goto(f"{base_url}/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Join the club").click()
    expect(page.locator(".message").first).to_have_text(f"Confirmation email sent to {email}.")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".message").first).to_contain_text(f"You have confirmed {email}.")


def test_newcomer_reviews_a_film_and_a_thread_grows(
    live_seeded, watched_page, browser, mailoutbox, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    base = live_seeded.url

    sign_up(page, base, mailoutbox, email="ana@example.com", handle="ana", password="tian-mi-mi-96")
    page.locator(".member-menu summary").click()
    page.get_by_role("link", name="Write a review").click()
    page.get_by_label("Film").select_option(label="Comrades: Almost a Love Story (1996)")
    page.get_by_label("Title").fill("Sweet as honey")
    page.get_by_label("Your review").fill(
        "It is **bittersweet**, and *very* real.\n\n- Teresa Teng\n- New York"
    )
    page.locator("label[title='4½ stars']").click()  # the half-star control's ninth half star
    expect(page.get_by_role("radio", name="4½ stars")).to_be_checked()
    screenshot(page, "review-form-desktop")
    page.get_by_role("button", name="Publish").click()

    expect(page.locator(".message")).to_have_text("Your review is published.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sweet as honey")
    expect(page.locator(".prose strong")).to_have_text("bittersweet")
    expect(page.locator(".prose li")).to_have_text(["Teresa Teng", "New York"])
    expect(page.locator(".review-header .rating-label")).to_have_text("4½ stars")
    page.get_by_role("link", name="Comrades: Almost a Love Story").first.click()
    expect(page.locator("#reviews")).to_contain_text("Sweet as honey")
    expect(page.locator(".rating-summary figcaption")).to_contain_text("Average")
    screenshot(page, "film-with-review-desktop")

    # A second member, in a browser of their own, comments without a reload (site.js).
    other = browser.new_context(viewport=DESKTOP)
    other_page = other.new_page()
    other_problems = PageProblems(other_page)
    sign_up(
        other_page, base, mailoutbox, email="ben@example.com", handle="ben", password="comrades-96"
    )
    other_page.goto(f"{base}/reviews/")
    other_page.get_by_role("link", name="Sweet as honey").click()
    other_page.get_by_label("Your comment").fill("Agreed: the ending!")
    other_page.evaluate("window.sameDocument = true")
    other_page.get_by_role("button", name="Post comment").click()
    expect(other_page.locator(".message")).to_have_text("Your comment is posted.")
    expect(other_page.locator("#comments-heading")).to_have_text("1 comment")
    expect(other_page.locator(".comment").first).to_contain_text("Agreed: the ending!")
    expect(other_page.locator(".comment").first).to_be_focused()
    assert other_page.evaluate("window.sameDocument") is True  # posted without a reload
    other.close()
    assert other_problems.problems == []

    page.goto(f"{base}/reviews/")
    page.get_by_role("link", name="Sweet as honey").click()
    page.locator(".comment").first.get_by_text("Reply", exact=True).click()
    page.get_by_label("Reply to ben").fill("Thank you, ben!")
    page.get_by_role("button", name="Post reply").click()

    expect(page.locator("#comments-heading")).to_have_text("2 comments")
    reply = page.locator(".comment .comment-replies .comment").first
    expect(reply).to_contain_text("Thank you, ben!")
    expect(reply.locator(".badge")).to_have_text("review author")
    screenshot(page, "review-thread-desktop")
    page.reload()
    expect(page.locator(".comment .comment-replies .comment").first).to_contain_text(
        "Thank you, ben!"
    )
    expect(page.locator(".message")).to_have_count(0)


def test_staff_schedule_a_screening_in_the_admin_then_cancel_it(
    live_seeded, watched_page, staff_superuser, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    base = live_seeded.url
    page.goto(f"{base}/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    page.get_by_label("Email").fill(STAFF_EMAIL)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("#site-name")).to_have_text("filmclub staff")
    page.locator("#screenings-screening").get_by_role("link", name="Screenings").click()
    page.get_by_role("link", name="Add screening").click()

    page.get_by_label("Venue:").select_option(label="Fort Greene Park")
    page.get_by_label("Date:", exact=True).fill("2030-06-30")
    page.get_by_label("Film at dusk").check()
    choose_film(page, row=0, typed="Lion", title="To Become a Lion")
    choose_film(page, row=1, typed="Tian Mi", title="Comrades: Almost a Love Story (1996)")
    screenshot(page, "admin-screening-desktop")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    page.goto(f"{base}/screenings/")
    row = page.locator(".screening-row").first
    expect(row.get_by_role("heading")).to_have_text("Comrades: Almost a Love Story")
    expect(row).to_contain_text("preceded by To Become a Lion")
    expect(row.locator(".screening-when")).to_have_text(
        "Sunday, June 30, 2030 · film when dark, about 9:04 pm"
    )
    row.get_by_role("link", name="Comrades: Almost a Love Story").click()
    page.evaluate("window.sameDocument = true")
    page.get_by_role("button", name="I’m going").click()
    expect(page.locator(".message")).to_have_text("You are going. See you there!")
    expect(page.locator("#going")).to_contain_text("Free admission. 1 going.")
    expect(page.get_by_role("button", name="I can’t go after all")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True  # site.js answered without a reload

    page.goto(f"{base}/admin/screenings/screening/")
    page.get_by_role("checkbox", name=re.compile("on 2030-06-30$")).check()
    page.locator("select[name=action]").select_option(
        label="Cancel selected screenings (with a reason)"
    )
    page.get_by_role("button", name="Go").click()
    page.get_by_label("Reason").fill("Thunderstorms are forecast.")
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator(".messagelist .success")).to_contain_text("1 screening cancelled")

    page.goto(f"{base}/screenings/2030-06-30-fort-greene-park/")
    banner = page.get_by_role("status").filter(has_text="Cancelled")
    expect(banner).to_have_text("Cancelled. Thunderstorms are forecast.")
    expect(banner).to_be_visible()
    screenshot(page, "screening-cancelled-desktop")
    page.goto(base)
    expect(page.locator(".home-screenings .status-banner")).to_have_text(
        "Cancelled. Thunderstorms are forecast."
    )
    screenshot(page, "home-cancelled-desktop")


def choose_film(page, *, row, typed, title):
    """The programme inline's film is a select2 autocomplete: open it, type, pick the option."""
    page.locator(f"#items-{row} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=title).click()
    expect(page.locator(f"#items-{row} .select2-selection__rendered")).to_contain_text(title)


VISITOR_PAGES = [
    "/",
    "/films/",
    "/films/?q=tian+mi+mi",
    "/films/comrades-almost-a-love-story/",
    "/films/to-become-a-lion/",
    "/people/",
    "/people/?q=chan",
    "/people/peter-chan/",
    "/people/maggie-cheung/",
    "/reviews/",
    "/reviews/odessa-comrades-almost-a-love-story/",
    "/members/",
    "/members/odessa/",
    "/members/odessa/followers/",
    "/members/odessa/watchlist/",
    "/screenings/",
    "/screenings/past/",
    "/screenings/2025-06-30-fort-greene-park/",
    "/venues/",
    "/venues/fort-greene-park/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


def screenshot_name(path, suffix):
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    return f"{name}-{suffix}"


def overflowing_pages(page, base_url, paths, screenshot, *, suffix, prefix=""):
    """{path: CSS pixels too wide} of the pages at `paths`, each opened and photographed."""
    overflowing = {}
    for path in paths:
        page.goto(base_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if overflow := horizontal_overflow(page):
            overflowing[path] = overflow
        screenshot(page, screenshot_name(prefix + path, suffix))
    return overflowing


def test_pages_fit_a_phone_screen(live_seeded, watched_page, screenshot):
    page = watched_page
    page.set_viewport_size(PHONE)

    overflowing = overflowing_pages(
        page, live_seeded.url, VISITOR_PAGES, screenshot, suffix="phone"
    )

    assert overflowing == {}


MEMBER_PAGES = [
    "/",
    "/reviews/new/",
    "/reviews/odessa-comrades-almost-a-love-story/",
    "/members/ana/",
    "/members/ana/edit/",
    "/members/ana/following/",
    "/members/ana/watchlist/",
    "/members/odessa/followers/",
    "/accounts/email/",
]


@pytest.mark.parametrize(("viewport", "suffix"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_member_pages_fit_the_screen_and_the_menu_opens(
    live_seeded, watched_page, sign_in_new_member, screenshot, viewport, suffix
):
    page = watched_page
    page.set_viewport_size(viewport)
    sign_in_new_member(page, live_seeded.url, "ana")

    overflowing = overflowing_pages(
        page, live_seeded.url, MEMBER_PAGES, screenshot, suffix=suffix, prefix="member "
    )
    page.locator(".member-menu summary").click()
    menu = page.locator(".member-menu ul")
    expect(menu.get_by_role("link", name="Sign out (ana)")).to_be_in_viewport()
    screenshot(page, f"member-menu-{suffix}")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()

    assert overflowing == {}


def test_dark_scheme_follows_the_visitors_preference(live_seeded, watched_page, screenshot):
    page = watched_page
    page.emulate_media(color_scheme="dark")

    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        for path in ("/", "/films/comrades-almost-a-love-story/"):
            page.goto(live_seeded.url + path)
            expect(page.locator("body")).to_have_css("background-color", "rgb(20, 17, 14)")
            screenshot(page, screenshot_name(path, f"dark-{suffix}"))


def test_missing_page_is_friendly_and_in_the_sites_look(live_seeded, page, screenshot):
    problems = PageProblems(page, allowed_statuses={404})
    page.set_viewport_size(PHONE)

    response = page.goto(f"{live_seeded.url}/films/no-such-film/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We couldn’t find that page")
    expect(page.get_by_role("link", name="Browse the catalogue")).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot(page, "not-found-phone")
    assert problems.problems == []


def test_member_comments_and_says_they_are_going_without_javascript(
    live_seeded, browser, make_user, screenshot
):
    make_user(username="ana", email="ana@example.com", password="tian-mi-mi-96")
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    sign_in(page, live_seeded.url, email="ana@example.com", password="tian-mi-mi-96")

    page.goto(f"{live_seeded.url}/reviews/odessa-comrades-almost-a-love-story/")
    page.get_by_label("Your comment").fill("Seen it twice since.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.locator(".message")).to_have_text("Your comment is posted.")
    assert re.search(r"/reviews/odessa-comrades-almost-a-love-story/#comment-\d+$", page.url)
    expect(page.locator(".comments > .comment").last).to_contain_text("Seen it twice since.")
    screenshot(page, "comment-without-javascript-phone")
    context.close()
    assert problems.problems == []


def test_a_member_over_a_rate_limit_is_told_so_in_place(
    live_seeded, page, make_user, settings, screenshot
):
    from films.models import Film
    from screenings.models import ProgrammeItem, Screening, Venue

    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "rsvp": "1/m"}
    screening = Screening.objects.create(
        venue=Venue.objects.get(slug="fort-greene-park"),
        date=datetime.date(2030, 7, 1),
        start_time=datetime.time(20, 0),
    )
    ProgrammeItem.objects.create(screening=screening, film=Film.objects.first(), order=1)
    make_user(username="ana", email="ana@example.com", password="tian-mi-mi-96")
    problems = PageProblems(page, allowed_statuses={429})
    sign_in(page, live_seeded.url, email="ana@example.com", password="tian-mi-mi-96")
    page.goto(f"{live_seeded.url}{screening.get_absolute_url()}")
    page.evaluate("window.sameDocument = true")
    page.get_by_role("button", name="I’m going").click()
    expect(page.locator(".message")).to_have_text("You are going. See you there!")

    page.get_by_role("button", name="I can’t go after all").click()

    expect(page.locator(".message")).to_have_text(
        "You are doing that faster than the club allows. Nothing was saved: wait a minute, "
        "then try again."
    )
    expect(page.get_by_role("button", name="I can’t go after all")).to_be_enabled()
    assert page.evaluate("window.sameDocument") is True
    assert screening.rsvps.count() == 1
    screenshot(page, "rate-limited-in-place-desktop")
    assert problems.problems == []
