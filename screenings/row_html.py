"""A screening's row, its time line and its status banner as HTML ({% screening_row %},
{% screening_when %} and {% screening_status %} in screening_tags; the includes
screenings/includes/screening_row.html, when.html and status.html call them).

Written in Python rather than as templates: the list of screenings shows twenty rows, each with
five dates in its venue's time zone, and Django's template engine spent most of that page's time
resolving their variables. Dates are written as the templates' `|date` formats wrote them, with
the day and month names translated once per page (Names). Every value from the database is
escaped.
"""

from html import escape as html_escape

from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR

from core.pagecache import depends_on, instance_tag
from screenings.clock import ON_NOW, local_clock
from screenings.querysets import is_under_way


def escape(value):
    """Django's escape() without its check for lazy strings, for plain values of rows."""
    return html_escape(str(value))


class Names:
    """Day and month names in the active language, each translated once (`|date` asks the
    translation catalogue for every date it writes)."""

    def __init__(self):
        self._names = {}

    def _name(self, table, index):
        key = (id(table), index)
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = str(table[index])
        return name

    def long_date(self, moment):
        """`|date:"l, F j, Y"`: Monday, June 30, 2025."""
        weekday, month = self._name(WEEKDAYS, moment.weekday()), self._name(MONTHS, moment.month)
        return f"{weekday}, {month} {moment.day}, {moment.year}"

    def badge(self, day):
        """The date badge: `|date:"D"`, `"j"` and `"M Y"` (Mon, 30, Jun 2025)."""
        weekday = self._name(WEEKDAYS_ABBR, day.weekday())
        month = self._name(MONTHS_3, day.month).title()
        return (
            '<p class="date-badge" aria-hidden="true">'
            f'<span class="date-badge-day">{weekday}</span> '
            f'<span class="date-badge-date">{day.day}</span> '
            f'<span class="date-badge-month">{month} {day.year}</span></p>'
        )


def when_html(screening, names):
    """When it starts, in its venue's time: the date, doors and film times (or "film when
    dark, about …" for a film at dusk)."""
    tz = screening.venue.tz
    starts = screening.starts_at.astimezone(tz)
    doors, doors_at = "", getattr(screening, "doors_at", None)
    if doors_at:
        doors = f" · doors {local_clock(doors_at.astimezone(tz))}"
    if screening.starts_at_dusk:
        film = f"film when dark, about {local_clock(starts)}"
    else:
        film = f"film at {local_clock(starts)}"
    return (
        f'<time datetime="{starts.isoformat()}">{escape(names.long_date(starts))}</time>'
        f"{doors} · {film}"
    )


def status_html(screening, names):
    """The banner of a screening not as scheduled: cancelled, postponed or moved (from when),
    with staff's reason; "" for a scheduled one."""
    status = screening.status
    if status == screening.Status.SCHEDULED:
        return ""
    moved = ""
    if status == screening.Status.RESCHEDULED and screening.previous_starts_at:
        previous = screening.previous_starts_at.astimezone(screening.venue.tz)
        moved = f" from {escape(names.long_date(previous))}, {local_clock(previous)}"
    later = ": new date to be announced" if status == screening.Status.POSTPONED else ""
    return (
        f'<p class="status-banner status-{escape(status)}" role="status">'
        f"<strong>{escape(screening.get_status_display())}</strong>{moved}{later}. "
        f"{escape(screening.status_reason)}</p>"
    )


def row_html(screening, names):
    """A screening in a list: its date badge, “On now” while it is under way, title, the shorts
    before it, when, where, how many are going, and its status banner. A kept list depends on
    it (`screening:42`)."""
    depends_on(instance_tag(screening))
    venue, series = screening.venue, screening.series
    cancelled = " is-cancelled" if screening.status == screening.Status.CANCELLED else ""
    shorts = ""
    if films := screening.preceded_by:
        links = ", ".join(
            f'<a href="{film.get_absolute_url()}">{escape(film.title)}</a>' for film in films
        )
        shorts = f'\n  <p class="note">preceded by {links}</p>'
    where = f'<a href="{venue.get_absolute_url()}">{escape(venue.name)}</a>'
    if venue.neighbourhood:
        where += f", {escape(venue.neighbourhood)}"
    if series:
        where += f" · {escape(series.name)}"
    status = status_html(screening, names)
    going = screening.going_phrase
    on_now = ""
    if not screening.is_called_off and is_under_way(screening):
        on_now = f'  <p class="kicker on-now">{ON_NOW}</p>\n'
    return (
        f'<article class="screening-row{cancelled}">\n  {names.badge(screening.date)}\n'
        f'  <div class="screening-row-body">\n{on_now}'
        f'  <h3 class="screening-row-title"><a href="{screening.get_absolute_url()}">'
        f"{escape(screening.title)}</a></h3>{shorts}\n"
        f'  <p class="screening-when">{when_html(screening, names)}</p>\n'
        f'  <p class="screening-where">{where}{" · " if going else ""}{going}</p>\n'
        f"  {status}{chr(10) if status else ''}"
        "  </div>\n</article>"
    )
