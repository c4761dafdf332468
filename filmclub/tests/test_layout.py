"""Layout faults found by looking at the pages in a browser, each measured: the admin on a phone
and at 1280 px, words cut in two on a phone, members' text (deep quotations, tables) wider than a
phone, and the titles on the placeholder posters of a member's favourite films.

The phone here is 390 px wide, as the faults were seen; each test writes screenshots to
screenshots/ (see README).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from filmclub.tests.conftest import (
    DESKTOP,
    STAFF_EMAIL,
    STAFF_PASSWORD,
    horizontal_overflow,
    sign_in,
)
from films.models import Film
from members.models import FavouriteFilm
from screenings.models import Screening

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
CHANGE_LISTS = [
    "/admin/screenings/screening/",
    "/admin/reviews/review/",
    "/admin/reviews/comment/",
]
CALENDAR = "/admin/screenings/screening/calendar/"

# The status badges a person sees only in part: each badge's box less what the boxes around it
# that clip (overflow other than visible) and the window cut off.
CLIPPED_BADGES = """() => [...document.querySelectorAll('.status-badge')].filter(badge => {
  const box = badge.getBoundingClientRect();
  let left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
  for (let el = badge.parentElement; el; el = el.parentElement) {
    if (getComputedStyle(el).overflowX !== 'visible') {
      const clip = el.getBoundingClientRect();
      left = Math.max(left, clip.left);
      right = Math.min(right, clip.right);
    }
  }
  return right - left < box.width - 0.5;
}).map(badge => badge.textContent)"""

# The words of the page set on two lines or more other than at a hyphen or a dash (after one, or
# before an en or em dash) or after a CJK character (which breaks anywhere): each as its lines
# ("Comrad|es:"), found by the line each of its letters sits on.
CUT_WORDS = """() => {
  const lineOf = (node, at) => {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const rect = [...range.getClientRects()].find(r => r.width > 0);
    return rect ? Math.round(rect.top) : null;
  };
  const cut = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const lines = [''];
      let line = null;
      for (let i = 0; i < match[0].length; i++) {
        const top = lineOf(node, match.index + i);
        if (top !== null && line !== null && top > line + 2) lines.push('');
        if (top !== null) line = top;
        lines[lines.length - 1] += match[0][i];
      }
      const atBreak = (part, i) =>
        i === lines.length - 1 || /[-\\u2010\\u2013\\u2014\\/\\u00ad]$/.test(part)
        || /^[\\u2013\\u2014]/.test(lines[i + 1]) || /[\\u2e80-\\u9fff\\uac00-\\ud7af]$/.test(part);
      if (!lines.every(atBreak)) cut.push(lines.join('|'));
    }
  }
  return cut;
}"""

SEED_PAGES = [
    "/",
    "/films/",
    "/films/comrades-almost-a-love-story/",
    "/screenings/",
    "/screenings/2025-06-30-fort-greene-park/",
    "/reviews/",
    "/reviews/comrades-almost-a-love-story-essay/",
    "/reviews/odessa-comrades-almost-a-love-story/",
    "/members/",
    "/members/odessa/",
    "/seasons/",
]


@pytest.fixture
def screenings_this_fortnight(make_screening):
    """A screening of each status in the next days, so the dashboard lists them with badges."""
    today = timezone.localdate()
    for days, status in enumerate(Screening.Status.values, start=2):
        reason = "" if status == Screening.Status.SCHEDULED else "Thunderstorms are forecast."
        make_screening(
            date=today + datetime.timedelta(days=days),
            status=status,
            status_reason=reason,
        )


def staff_sign_in(page, base_url):
    sign_in(page, base_url, email=STAFF_EMAIL, password=STAFF_PASSWORD)
    page.goto(f"{base_url}/admin/")
    expect(page.locator("#site-name")).to_have_text("filmclub staff")


def results_box(page):
    """The change list's results box: its width, the width of what it holds, and whether a
    person can scroll it sideways."""
    return page.evaluate(
        "() => { const box = document.querySelector('#changelist .results');"
        " return {width: box.clientWidth, content: box.scrollWidth,"
        " scrolls: getComputedStyle(box).overflowX === 'auto'}; }"
    )


def test_admin_fits_a_phone_and_its_change_lists_scroll_in_their_own_box(
    live_seeded, watched_page, staff_superuser, screenings_this_fortnight, screenshot
):
    page = watched_page
    page.set_viewport_size(PHONE_390)
    staff_sign_in(page, live_seeded.url)

    overflowing = {}
    for path in ["/admin/", *CHANGE_LISTS, "/admin/films/film/import-wikitext/"]:
        page.goto(live_seeded.url + path)
        if overflow := horizontal_overflow(page):
            overflowing[path] = overflow
        screenshot(page, "layout-admin" + path.replace("/", "-").rstrip("-") + "-390")
    scrolling = {}
    for path in CHANGE_LISTS:
        page.goto(live_seeded.url + path)
        scrolling[path] = results_box(page)["scrolls"]

    assert overflowing == {}
    assert scrolling == dict.fromkeys(CHANGE_LISTS, True)


def test_admin_shows_status_badges_whole_and_change_lists_every_column_at_1280(
    live_seeded, watched_page, staff_superuser, screenings_this_fortnight, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    staff_sign_in(page, live_seeded.url)
    month = (timezone.localdate() + datetime.timedelta(days=2)).strftime("%Y-%m")

    with_badges = [
        "/admin/",
        "/admin/screenings/screening/",
        f"{CALENDAR}?month={month}",
    ]
    shown = {}
    clipped = {}
    for path in with_badges:
        page.goto(live_seeded.url + path)
        shown[path] = page.locator(".status-badge").count() > 0
        if cut := page.evaluate(CLIPPED_BADGES):
            clipped[path] = cut
    screenshot(page, "layout-admin-calendar-desktop")
    too_wide = {}
    for path in CHANGE_LISTS:
        page.goto(live_seeded.url + path)
        screenshot(page, "layout-admin" + path.replace("/", "-").rstrip("-") + "-desktop")
        if (box := results_box(page))["content"] > box["width"]:
            too_wide[path] = box

    assert shown == dict.fromkeys(with_badges, True)
    assert clipped == {}
    assert too_wide == {}


def test_no_ordinary_word_is_cut_across_lines_on_a_phone(live_seeded, watched_page, screenshot):
    page = watched_page
    page.set_viewport_size(PHONE_390)

    cut = {}
    for path in SEED_PAGES:
        page.goto(live_seeded.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if words := page.evaluate(CUT_WORDS):
            cut[path] = words
        screenshot(
            page,
            "layout-words" + (path.replace("/", "-").rstrip("-") or "-home") + "-390",
        )

    assert cut == {}


# Forty levels of ">" (the review keeps 32, reviews.markdown.MAX_NESTING), twenty of nested list
# items, and a table of five columns with a long header.
DEEP_REVIEW = (
    "\n".join(">" * level + f" Level {level} of a quotation, quoted." for level in range(1, 41))
    + "\n\n"
    + "\n".join("  " * level + f"- An item at depth {level} of the list" for level in range(20))
    + "\n\n| Film | Year | Director | Where we saw it | The verdict after a long discussion |\n"
    + "|---|---|---|---|---|\n"
    + "| Comrades: Almost a Love Story | 1996 | Peter Chan | Fort Greene Park | Everyone cried |\n"
    + "| Fallen Angels | 1995 | Wong Kar-wai | Prospect Park | Neon and noodles |\n"
)

# The review's table: whether it scrolls sideways in its own box (and then takes the keyboard's
# focus, site.js), and how its header is set.
TABLE_LOOK = """() => { const table = document.querySelector('.prose table');
  const th = table.querySelector('th'), td = table.querySelector('td');
  return {
    scrolls: table.scrollWidth > table.clientWidth && getComputedStyle(table).overflowX === 'auto',
    keyboard: table.getAttribute('tabindex') === '0',
    inside: table.getBoundingClientRect().right <= window.innerWidth,
    header_bold: Number(getComputedStyle(th).fontWeight) >= 700,
    header_rule: parseFloat(getComputedStyle(th).borderBottomWidth) > 0,
    row_rule: parseFloat(getComputedStyle(td).borderBottomWidth) > 0,
    padded: parseFloat(getComputedStyle(td).paddingLeft) > 0}; }"""


def test_a_review_of_deep_quotations_lists_and_a_table_never_scrolls_the_page_sideways(
    live_server, watched_page, make_review, screenshot
):
    review = make_review(title="Quotations within quotations", body=DEEP_REVIEW)
    page = watched_page

    looks = {}
    for name, size in {"390": PHONE_390, "desktop": DESKTOP}.items():
        page.set_viewport_size(size)
        page.goto(live_server.url + review.get_absolute_url())
        expect(page.get_by_text("Level 32 of a quotation, quoted.")).to_be_visible()
        looks[name] = {"overflow": horizontal_overflow(page), "table": page.evaluate(TABLE_LOOK)}
        screenshot(page, f"layout-review-deep-{name}")

    table = dict.fromkeys(["inside", "header_bold", "header_rule", "row_rule", "padded"], True)
    assert looks == {
        "390": {"overflow": 0, "table": {"scrolls": True, "keyboard": True, **table}},
        "desktop": {"overflow": 0, "table": {"scrolls": False, "keyboard": False, **table}},
    }


# Each placeholder poster's title: whether it starts below the poster's top edge and ends within
# its sides (a word too long ends in an ellipsis, inside).
PLACEHOLDER_TITLES = """() => [...document.querySelectorAll('.favourite-films .poster-placeholder')]
  .map(poster => {
    const title = poster.querySelector('span'), box = poster.getBoundingClientRect();
    const text = title.getBoundingClientRect();
    return [title.textContent.trim(), text.top >= box.top && text.left >= box.left
      && text.right <= box.right && title.scrollWidth <= title.clientWidth];
  })"""


def test_favourite_films_without_posters_show_their_titles_whole_words_inside_the_poster(
    live_seeded, watched_page, screenshot, django_user_model
):
    odessa = django_user_model.objects.get(username="odessa")
    slugs = ["comrades-almost-a-love-story", "fallen-angels", "to-become-a-lion", "bright-star"]
    for position, slug in enumerate(slugs, start=1):
        film = Film.objects.get(slug=slug)
        FavouriteFilm.objects.create(member=odessa, film=film, position=position)
    page = watched_page

    seen = {}
    for name, size in {"390": PHONE_390, "desktop": DESKTOP}.items():
        page.set_viewport_size(size)
        page.goto(live_seeded.url + "/members/odessa/")
        seen[name] = {"cut": page.evaluate(CUT_WORDS), "inside": page.evaluate(PLACEHOLDER_TITLES)}
        screenshot(page, f"layout-favourites-{name}")

    inside = [
        ["Comrades: Almost a Love Story", True],
        ["Fallen Angels", True],
        ["To Become a Lion", True],
        ["Bright Star", True],
    ]
    assert seen == {"390": {"cut": [], "inside": inside}, "desktop": {"cut": [], "inside": inside}}
