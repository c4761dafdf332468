"""The audience's A–E grade buttons as a member sees them (browser QA): the grade they gave stands
out by more than colour, and the buttons are apart and big enough to tap on a phone."""

import datetime
import itertools

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, MEMBER_PASSWORD, PageProblems, sign_in
from screenings.models import ProgrammeItem, Screening
from seasons.audience import CheckIn

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
# A finger's target (WCAG 2.5.5, Apple's and Android's guidelines): 44 CSS pixels each way.
TAP = 44

LOOK = """(button) => {
  const style = getComputedStyle(button);
  const mark = getComputedStyle(button, "::before").content;
  return {background: style.backgroundColor, color: style.color, mark: mark};
}"""


def boxes(page):
    return [button.bounding_box() for button in page.locator(".grades button").all()]


def apart(left, right):
    """The gap between two buttons, across (same row) or down (the next row)."""
    if abs(left["y"] - right["y"]) < 1:
        return right["x"] - (left["x"] + left["width"])
    return right["y"] - (left["y"] + left["height"])


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_the_grade_a_member_gave_stands_out_and_the_buttons_are_apart(
    transactional_db, live_server, browser, make_user, make_film, fort_greene, viewport, screenshot
):
    member = make_user(username="ana", email="ana@example.com", password=MEMBER_PASSWORD)
    # The film began two hours ago and has ended: grades are open.
    began = timezone.localtime(timezone.now() - datetime.timedelta(hours=2), fort_greene.tz)
    screening = Screening.objects.create(
        venue=fort_greene,
        date=began.date(),
        start_time=began.time().replace(second=0, microsecond=0),
    )
    ProgrammeItem.objects.create(screening=screening, film=make_film(runtime_minutes=90))
    CheckIn.objects.create(screening=screening, user=member)
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(10_000)
    problems = PageProblems(page)
    sign_in(page, live_server.url, email="ana@example.com", password=MEMBER_PASSWORD)

    page.goto(f"{live_server.url}/screenings/{screening.slug}/")
    page.get_by_role("button", name="B: Very good").click()
    expect(page.locator(".messages")).to_contain_text("your grade is counted")

    screenshot(page, f"grades-{viewport['width']}")
    chosen = page.get_by_role("button", name="B: Very good")
    expect(chosen).to_have_attribute("aria-pressed", "true")
    looks = [button.evaluate(LOOK) for button in page.locator(".grades button").all()]
    others = [look for look, grade in zip(looks, "ABCDE", strict=True) if grade != "B"]
    assert all(look == others[0] for look in others)
    assert looks[1]["background"] != others[0]["background"]
    assert "✓" in looks[1]["mark"]  # a check mark, not colour alone
    assert all("✓" not in look["mark"] for look in others)
    places = boxes(page)
    assert all(apart(left, right) >= 8 for left, right in itertools.pairwise(places))
    if viewport is PHONE_390:
        assert all(box["width"] >= TAP and box["height"] >= TAP for box in places)
    assert problems.problems == []
