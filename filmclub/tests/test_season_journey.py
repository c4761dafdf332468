"""Issue 19's journey in a real browser: staff open a season, two members suggest and vote,
staff close it and schedule the winner, and it is on "What's on"."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from filmclub.tests.conftest import (
    DESKTOP,
    MEMBER_PASSWORD,
    STAFF_EMAIL,
    STAFF_PASSWORD,
    PageProblems,
    sign_in,
)
from screenings.models import ProgrammeItem, Screening
from seasons.models import Season

pytestmark = pytest.mark.browser


def new_page(browser, pages):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    pages.append(page)
    return page


def run_action(page, base, model, label):
    """Select every row of the admin's list of `model` and run the action named `label`."""
    page.goto(f"{base}/admin/seasons/{model}/")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(label=label)
    page.get_by_role("button", name="Go").click()


@pytest.mark.usefixtures("staff_superuser")
def test_members_choose_the_season_and_the_winner_is_on_whats_on(
    transactional_db, live_server, browser, make_user, make_film, fort_greene
):
    base = live_server.url
    for handle in ("ana", "ben"):
        make_user(username=handle, email=f"{handle}@example.com", password=MEMBER_PASSWORD)
    make_film(title="Sunrise", runtime_minutes=94)
    make_film(title="Stalker", year=1979, runtime_minutes=161)
    today = timezone.localdate()
    season = Season.objects.create(
        name="Summer",
        slug="summer",
        starts_on=today + datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=60),
    )
    season.venues.set([fort_greene])
    pages = []
    staff = new_page(browser, pages)
    sign_in(staff, base, email=STAFF_EMAIL, password=STAFF_PASSWORD)

    run_action(staff, base, "season", "Open for suggestions")
    expect(staff.locator(".messagelist")).to_contain_text("Open for suggestions: Summer.")

    members = {}
    for handle, film in (("ana", "Sunrise"), ("ben", "Stalker")):
        page = members[handle] = new_page(browser, pages)
        sign_in(page, base, email=f"{handle}@example.com", password=MEMBER_PASSWORD)
        page.goto(f"{base}/seasons/summer/")
        page.get_by_role("link", name="Suggest a film").click()
        page.get_by_label("Find the film in the catalogue").fill(film)
        page.get_by_role("button", name="Search").click()
        page.locator(".film-choices").get_by_role("link", name=film).click()
        page.get_by_label("Pitch").fill(f"{film}, under the stars.")
        page.get_by_role("button", name="Suggest it").click()
        expect(page.locator(".messages")).to_contain_text(f"You suggested {film}")

    run_action(staff, base, "suggestion", "Shortlist")
    expect(staff.locator(".messagelist")).to_contain_text("2 suggestions shortlisted.")
    run_action(staff, base, "season", "Close suggestions and open voting")
    expect(staff.locator(".messagelist")).to_contain_text("Open for voting: Summer.")

    for handle, ranks in (("ana", ("1", "2")), ("ben", ("2", "1"))):
        page = members[handle]
        page.goto(f"{base}/seasons/summer/")
        page.get_by_role("link", name="Rank the shortlist").click()
        page.get_by_label("Sunrise (2000)").fill(ranks[0])
        page.get_by_label("Stalker (1979)").fill(ranks[1])
        page.get_by_role("button", name="Cast my ballot").click()
        expect(page.locator(".messages")).to_contain_text("Your ballot is saved.")
    # Ben thinks again: Sunrise first after all.
    ben = members["ben"]
    ben.get_by_label("Sunrise (2000)").fill("1")
    ben.get_by_label("Stalker (1979)").fill("2")
    ben.get_by_role("button", name="Change my ballot").click()
    expect(ben.locator(".messages")).to_contain_text("Your ballot is saved.")

    run_action(staff, base, "season", "Close voting and count the ballots")
    expect(staff.locator(".messagelist")).to_contain_text("Closed and counted: Summer.")
    run_action(staff, base, "season", "Schedule the winners")
    expect(staff.locator(".messagelist")).to_contain_text("1 screening scheduled")

    visitor = new_page(browser, pages)
    visitor.goto(f"{base}/seasons/summer/results/")
    expect(visitor.locator(".winners")).to_contain_text("Sunrise (2000)")
    visitor.goto(f"{base}/screenings/")
    expect(visitor.get_by_role("main")).to_contain_text("Sunrise")
    for page in pages:
        assert page.problems.problems == []


@pytest.mark.usefixtures("staff_superuser")
def test_a_member_checks_in_by_the_qr_link_and_grades_the_film(
    transactional_db, live_server, browser, make_user, make_film, fort_greene
):
    base = live_server.url
    make_user(username="ana", email="ana@example.com", password=MEMBER_PASSWORD)
    film = make_film(title="Sunrise", runtime_minutes=90)
    # The film began two hours ago: it has ended, and check-in is still open.
    began = timezone.localtime(timezone.now() - datetime.timedelta(hours=2), fort_greene.tz)
    screening = Screening.objects.create(
        venue=fort_greene,
        date=began.date(),
        start_time=began.time().replace(second=0, microsecond=0),
    )
    ProgrammeItem.objects.create(screening=screening, film=film)
    pages = []

    staff = new_page(browser, pages)
    sign_in(staff, base, email=STAFF_EMAIL, password=STAFF_PASSWORD)
    staff.goto(f"{base}/screenings/{screening.slug}/")
    staff.get_by_role("link", name="Check-in QR code to print").click()
    expect(staff.locator(".qr svg")).to_be_visible()
    check_in_url = staff.locator(".qr figcaption").inner_text()
    assert check_in_url == f"{base}/screenings/{screening.slug}/check-in/"

    member = new_page(browser, pages)
    sign_in(member, base, email="ana@example.com", password=MEMBER_PASSWORD)
    member.goto(check_in_url)
    member.get_by_role("button", name="I’m here").click()
    expect(member.locator(".messages")).to_contain_text("You are checked in.")
    member.get_by_role("button", name="A: Excellent").click()
    expect(member.locator(".messages")).to_contain_text("your grade is counted")
    expect(member.get_by_role("button", name="A: Excellent")).to_have_attribute(
        "aria-pressed", "true"
    )

    visitor = new_page(browser, pages)
    visitor.goto(f"{base}/films/{film.slug}/")
    expect(visitor.locator(".audience-score")).to_contain_text("100 out of 100, from 1 vote")
    for page in pages:
        assert page.problems.problems == []
