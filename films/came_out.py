"""When a film came out: the first day anyone can have watched it, and how the site says so.
The log form and the Letterboxd import refuse a watched date before it (reviews.forms,
members.letterboxd.reader)."""

from datetime import date

from django.utils.dateformat import format as format_date


def first_day(year, release_date=None):
    """The first day a film of `year`, first released on `release_date` when that is known, can
    have been watched: its release, else the first of January of its year; None when neither is
    known."""
    if release_date is not None:
        return release_date
    return date(year, 1, 1) if year else None


def not_out_yet(watched_on, title, year, release_date=None):
    """ "Fallen Angels came out in 1995" ("… came out on 6 September 1995" when its release
    date is known) when `watched_on` is before that, else None."""
    first = first_day(year, release_date)
    if watched_on is None or first is None or watched_on >= first:
        return None
    when = f"on {format_date(release_date, 'j F Y')}" if release_date else f"in {year}"
    return f"{title} came out {when}"
