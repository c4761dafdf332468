"""Browser fixtures: Playwright drives Debian's Chromium against the live test server.

Every journey fails on a console error, an uncaught page error, a failed request or a 4xx/5xx
response, and can write screenshots to screenshots/ for a person to look at.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
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
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def on_request_failed(self, request):
        # A download that the browser hands to the test is not a failure.
        if request.failure != "net::ERR_ABORTED" or request.resource_type != "document":
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def on_response(self, response):
        if response.status >= 400 and response.status not in self.allowed_statuses:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def watched_page(page):
    """The Playwright page, failing the test at the end if anything on it broke."""
    problems = PageProblems(page)
    page.problems = problems
    yield page
    assert problems.problems == []


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
