"""The lists of screenings, a page at a time: what is on (`upcoming`) and the archive (`past`),
by SQL compiled once per process (core.baked).

A page of a list asked Django for three queries (how long the list is, the page's screenings
with their venues, series and going counts, and their programmes), and compiling them cost it
more than twice what running them and reading the rows did: 3.2 ms of CPU a page, 1.0 ms with the
SQL kept (the bench's data). The rule of each list is the queryset's (ScreeningQuerySet.upcoming,
.past); each call fills in the time. A page's LIMIT and OFFSET are part of its SQL, so the SQL
of each of the first KEPT_PAGES pages is kept; a page further on is compiled when asked for.
"""

from functools import cached_property, partial

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils import timezone

from core.baked import baked
from core.lazyrows import RowsWhenShown
from screenings.models import Screening
from screenings.querysets import listed_items

# The lists, by the ScreeningQuerySet method that gives each at a time (`now`).
RULES = ("upcoming", "past")
# The pages of each list whose SQL is kept; a page further on is compiled each time.
KEPT_PAGES = 10


def screenings_of(rule, now):
    return getattr(Screening.objects, rule)(now)


def length_row(rule, now):
    """The list's length, as a row (baked SQL is iterated): COUNT(*) OVER () of its first row,
    none when it is empty."""
    return screenings_of(rule, now).order_by().values_list(Window(Count("pk")))[:1]


def page_rows(rule, bottom, top, now):
    return screenings_of(rule, now).for_list_rows()[bottom:top]


LENGTHS = {rule: baked(partial(length_row, rule)) for rule in RULES}
_pages = {}  # (rule, bottom, top): the Baked page


@baked
def programmes_of(screening_ids):
    """The programme items of these screenings, as for_list fetches them."""
    return listed_items(Screening).filter(screening_id__in=screening_ids)


def with_programmes(screenings):
    """Give each of `screenings` its programme (`fetched_items`, as for_list does), in one
    query; `screenings`, a list."""
    by_screening = {screening.pk: [] for screening in screenings}
    if by_screening:
        for item in programmes_of(list(by_screening)):
            by_screening[item.screening_id].append(item)
    for screening in screenings:
        screening.fetched_items = by_screening[screening.pk]
    return screenings


class ScreeningPages(Paginator):
    """A Paginator over the list `rule` (RULES) as it is at `now` (by default, when it is made):
    its length and its pages from the kept SQL, each page's screenings as for_list gives them."""

    def __init__(self, rule, per_page, *, now=None, orphans=0, allow_empty_first_page=True):
        if orphans:
            raise ValueError("ScreeningPages keeps each page's SQL: it takes no orphans.")
        self.rule, self.now = rule, now or timezone.now()
        # No object_list to slice: `count` and `page` read the list themselves.
        super().__init__((), per_page, allow_empty_first_page=allow_empty_first_page)

    @cached_property
    def count(self):
        rows = list(LENGTHS[self.rule](self.now))
        return rows[0][0] if rows else 0

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        # Read only when shown: never when the list's kept shared part is served.
        return self._get_page(RowsWhenShown(partial(self.rows, number, bottom)), number, self)

    def rows(self, number, bottom):
        """The screenings from `bottom` on, for page `number`, with their programmes."""
        top = bottom + self.per_page
        if number > KEPT_PAGES:
            screenings = list(page_rows(self.rule, bottom, top, self.now))
        else:
            key = (self.rule, bottom, top)
            kept = _pages.get(key)
            if kept is None:
                kept = _pages.setdefault(key, baked(partial(page_rows, *key)))
            screenings = list(kept(self.now))
        return with_programmes(screenings)
