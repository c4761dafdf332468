"""axe-core on every page the journeys visit and on the admin's main forms (filmclub/tests/axe.py).

A critical or serious violation fails; every finding, by impact, is written to
screenshots/axe-<name>.json beside the screenshots, for a person to read.
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from filmclub.tests.axe import axe_violations, blocking, by_impact
from filmclub.tests.conftest import DESKTOP, PHONE, SCREENSHOTS, sign_in
from filmclub.tests.test_journeys import MEMBER_PAGES, VISITOR_PAGES, screenshot_name

pytestmark = pytest.mark.browser
COMRADES_WIKITEXT = Path(__file__).resolve().parents[2] / "films/tests/fixtures/comrades.wiki"


def check_pages(page, base_url, paths, *, report, screenshot=None, suffix=""):
    """Run axe on each page; write the findings to screenshots/axe-<report>.json; return the
    critical and serious ones by page."""
    findings, failures = {}, {}
    for path in paths:
        page.goto(base_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        violations = axe_violations(page)
        findings[path] = {"by_impact": by_impact(violations), "violations": violations}
        if problems := blocking(violations):
            failures[path] = problems
        if screenshot:
            screenshot(page, screenshot_name(path, suffix))
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"axe-{report}.json").write_text(json.dumps(findings, indent=2))
    return failures


@pytest.mark.parametrize(
    ("viewport", "scheme", "suffix"), [(DESKTOP, "light", "desktop"), (PHONE, "dark", "dark-phone")]
)
def test_public_pages_pass_axe(live_seeded, watched_page, screenshot, viewport, scheme, suffix):
    page = watched_page
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)

    failures = check_pages(
        page,
        live_seeded.url,
        VISITOR_PAGES,
        report=f"public-{suffix}",
        screenshot=screenshot,
        suffix=suffix,
    )

    assert failures == {}


def test_member_pages_pass_axe(live_seeded, watched_page, make_user):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    make_user(username="ana", email="ana@example.com", password="tian-mi-mi-96")
    sign_in(page, live_seeded.url, email="ana@example.com", password="tian-mi-mi-96")

    failures = check_pages(page, live_seeded.url, MEMBER_PAGES, report="member")

    assert failures == {}


def test_the_mails_cant_come_page_passes_axe(live_seeded, watched_page, make_user):
    """The page a member opens from a mail's "can't come?" link, signed out, before and after
    pressing its button (light at desktop width, then dark at phone width)."""
    import datetime

    from screenings.admin import duplicate_screening
    from screenings.models import Screening
    from screenings.not_going import not_going_path

    seed = Screening.objects.get(slug="2025-06-30-fort-greene-park")
    screening = duplicate_screening(seed, date=datetime.date.today() + datetime.timedelta(30))
    member = make_user(username="ana")
    screening.rsvps.create(user=member)
    page = watched_page
    findings = {}

    for viewport, scheme, step in [(DESKTOP, "light", "asked"), (PHONE, "dark", "done")]:
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        page.goto(live_seeded.url + not_going_path(member.pk, screening.pk))
        if step == "done":
            page.get_by_role("button", name="I can’t come").click()
            expect(page.get_by_text("you are no longer going")).to_be_visible()
        findings[step] = axe_violations(page)

    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe-cant-come.json").write_text(json.dumps(findings, indent=2))
    assert {step: blocking(found) for step, found in findings.items()} == {
        "asked": [],
        "done": [],
    }


def admin_form_paths():
    from films.models import Film
    from reviews.models import Review
    from screenings.models import Screening

    film = Film.objects.get(slug="comrades-almost-a-love-story")
    screening = Screening.objects.get(slug="2025-06-30-fort-greene-park")
    review = Review.objects.get(slug="comrades-almost-a-love-story-essay")
    return [
        f"/admin/films/film/{film.pk}/change/",
        "/admin/films/film/add/",
        f"/admin/screenings/screening/{screening.pk}/change/",
        "/admin/screenings/screening/add/",
        f"/admin/reviews/review/{review.pk}/change/",
        "/admin/",
        "/admin/films/film/",
        "/admin/screenings/screening/",
        "/admin/screenings/screening/calendar/?month=2025-06",
        "/admin/films/film/import-wikitext/",
        "/admin/members/watchlistentry/most-wanted/",
    ]


def wanted_by_members(make_user):
    """Two members' watchlists, so the admin's most-wanted list has rows to show."""
    from films.models import Film
    from members.models import WatchlistEntry

    films = list(Film.objects.order_by("pk")[:2])
    for number in range(2):
        member = make_user(username=f"watcher{number}")
        WatchlistEntry.objects.bulk_create(
            WatchlistEntry(member=member, film=film) for film in films[: number + 1]
        )


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_admin_forms_pass_axe(live_seeded, watched_page, make_user, screenshot, viewport, suffix):
    page = watched_page
    page.set_viewport_size(viewport)
    make_user(
        username="staff", email="staff@example.com", password="reel-to-reel-35mm", is_staff=True
    ).user_permissions.set(staff_permissions())
    wanted_by_members(make_user)
    sign_in_to_admin(page, live_seeded.url)

    failures = check_pages(
        page,
        live_seeded.url,
        admin_form_paths(),
        report=f"admin-{suffix}",
        screenshot=screenshot,
        suffix=suffix,
    )

    assert failures == {}


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_wikitext_import_preview_passes_axe(
    live_seeded, watched_page, make_user, make_person, screenshot, viewport, suffix
):
    """The preview of the seed film's article over the seeded catalogue: its facts, the same
    and the conflicting, and a name with two people to choose from."""
    page = watched_page
    page.set_viewport_size(viewport)
    make_user(
        username="staff", email="staff@example.com", password="reel-to-reel-35mm", is_staff=True
    ).user_permissions.set(staff_permissions())
    make_person(name="Eric Tsang", slug="eric-tsang-2")
    sign_in_to_admin(page, live_seeded.url)
    page.goto(f"{live_seeded.url}/admin/films/film/import-wikitext/")
    page.get_by_label("Wikitext of the article").fill(COMRADES_WIKITEXT.read_text())

    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Preview: Comrades: Almost a Love Story"
    )
    expect(
        page.get_by_role("group", name="Who “Eric Tsang” is").get_by_role("radio")
    ).to_have_count(3)
    violations = axe_violations(page)
    screenshot(page, f"admin-import-preview-{suffix}")
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"axe-admin-import-preview-{suffix}.json").write_text(
        json.dumps({"by_impact": by_impact(violations), "violations": violations}, indent=2)
    )
    assert blocking(violations) == []


def staff_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label__in=["films", "screenings", "reviews"])


def sign_in_to_admin(page, base_url, *, email="staff@example.com", password="reel-to-reel-35mm"):
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("#site-name")).to_have_text("filmclub staff")
