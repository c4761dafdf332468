"""The admin's calendar of the season: a month grid of screenings, each day listing its own with
status and going/capacity, linked to their change pages (ScreeningAdmin.calendar_view).

Days are the venues' own dates (`Screening.date`), as staff enter them, so a screening shows on
the evening it happens wherever the person looking at the calendar is.
"""

import calendar
import datetime

from django.contrib import messages
from django.utils import timezone

from screenings.models import Screening

MONTH_FORMAT = "%Y-%m"


def month_asked_for(request):
    """The first day of the month named by ?month=YYYY-MM, else of this month (a value that is
    no month says so in a message, never an error page)."""
    today = timezone.localdate()
    asked = request.GET.get("month")
    if asked:
        try:
            month = datetime.datetime.strptime(asked, MONTH_FORMAT).date()
        except ValueError:
            messages.error(
                request, f"“{asked[:20]}” is not a month (YYYY-MM): this month is shown."
            )
        else:
            if datetime.MINYEAR < month.year < datetime.MAXYEAR:
                return month
            messages.error(request, "That month is out of range: this month is shown.")
    return today.replace(day=1)


def month_grid(first_day, screenings):
    """The month's weeks, Monday first, each a list of (date, in this month, its screenings):
    `screenings` (of that month, in order) are placed on their dates."""
    by_date = {}
    for screening in screenings:
        by_date.setdefault(screening.date, []).append(screening)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first_day.year, first_day.month
    )
    return [
        [(day, day.month == first_day.month, by_date.get(day, [])) for day in week]
        for week in weeks
    ]


def calendar_context(request):
    """What the calendar template shows for the month asked for, in two queries: the
    screenings with their venue, going and waitlist counts, then their programmes."""
    first_day = month_asked_for(request)
    screenings = list(Screening.objects.in_month(first_day).for_list().with_waitlist_count())
    previous = (first_day - datetime.timedelta(days=1)).replace(day=1)
    following = (first_day + datetime.timedelta(days=31)).replace(day=1)
    return {
        "month": first_day,
        "weeks": month_grid(first_day, screenings),
        "weekdays": [calendar.day_name[number] for number in calendar.Calendar().iterweekdays()],
        "screening_count": len(screenings),
        "previous_month": previous.strftime(MONTH_FORMAT),
        "next_month": following.strftime(MONTH_FORMAT),
        "this_month": timezone.localdate().strftime(MONTH_FORMAT),
        "today": timezone.localdate(),
    }
