"""Browser fixtures: Playwright drives Debian's Chromium against the live test server.

Every journey fails on a console error, an uncaught page error, a failed request or a 4xx/5xx
response, and can write screenshots to screenshots/ for a person to look at.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

CHROMIUM = os.environ.get("FILMCLUB_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
STAFF_EMAIL = "staff@example.com"
STAFF_PASSWORD = "reel-to-reel-35mm"
MEMBER_PASSWORD = "tian-mi-mi-96"


def skip_without(reason, *, on_ci):
    """Skip the test for want of a tool (`reason`); on CI, where the tool must be, fail it."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{on_ci} {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def base_url():
    """None: the journeys build their addresses from live_server. Defined here because
    pytest-playwright's own fallback is a method of a plugin object, which pytest 9 warns is
    deprecated each time the browser context asks for it."""
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).is_file():
        reason = (
            f"Chromium is not installed at {CHROMIUM}: install it with "
            "`apt-get install chromium` (bin/test does so when run as root)."
        )
        skip_without(reason, on_ci="CI must run the browser journeys.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def live_seeded(transactional_db, live_server):
    call_command("loadseeds", verbosity=0)
    return live_server


class PageProblems:
    """Collects what a person would call broken: console errors, failed or refused requests."""

    def __init__(self, page, allowed_statuses=()):
        self.problems = []
        self.allowed_statuses = set(allowed_statuses)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self.on_request_failed)
        page.on("response", self.on_response)

    def on_console(self, message):
        status = re.match(r"Failed to load resource: .* status of (\d+)", message.text)
        if status and int(status.group(1)) in self.allowed_statuses:
            return  # the page expected that answer (a 404 page), on_response has checked it
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location['url']})")

    def on_request_failed(self, request):
        # ERR_ABORTED is the browser cancelling a request itself: a download handed to the test,
        # or an image still loading when the visitor follows a link. The server failing shows up
        # as another error here, or as a 4xx/5xx response below.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(
                f"request failed: {request.resource_type} {request.url} {request.failure}"
            )

    def on_response(self, response):
        if response.status >= 400 and response.status not in self.allowed_statuses:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def watched_page(page):
    """The Playwright page, failing the test at the end if anything on it broke."""
    problems = PageProblems(page)
    page.problems = problems
    # Fail in seconds, not Playwright's default half minute: the live server answers at once.
    page.set_default_timeout(10_000)
    yield page
    assert problems.problems == []


@pytest.fixture
def staff_superuser(make_user):
    """Staff with every permission, who sign in with STAFF_EMAIL and STAFF_PASSWORD."""
    return make_user(
        username="staff",
        email=STAFF_EMAIL,
        password=STAFF_PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def sign_in_new_member(make_user):
    """Make the member `username` (at username@example.com) and sign `page` in as them."""

    def sign_in_new(page, base_url, username):
        member = make_user(
            username=username, email=f"{username}@example.com", password=MEMBER_PASSWORD
        )
        sign_in(page, base_url, email=member.email, password=MEMBER_PASSWORD)
        return member

    return sign_in_new


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when nothing overflows)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def sign_in(page, base_url, *, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.locator(".member-menu").wait_for()


def rate_by_keyboard(page, half_stars, message):
    """From the focused first star, arrow to `half_stars`, Tab to the button, press Enter."""
    for _ in range(half_stars):
        page.keyboard.press("ArrowRight")
    expect(page.locator(f"#quick-rating_{half_stars}")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save rating")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messages, #messages")).to_contain_text(message)
