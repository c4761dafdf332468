"""Time at a venue: its zone, and the club's way of writing a time of day."""

import datetime
import functools
import zoneinfo

from astral import Observer
from astral.sun import dusk, sunset
from django.core.exceptions import ValidationError


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone name: use an IANA name such as America/New_York.",
            params={"value": value},
        )


@functools.cache
def time_zone(name):
    """The ZoneInfo for `name`, kept for the life of the process. ZoneInfo's own cache keeps
    only the last eight zones strongly: with more venue zones on a page than that, every lookup
    read the zone's file from disk again (the template's {% timezone %} tag reuses these)."""
    return zoneinfo.ZoneInfo(name)


def local_clock(moment):
    """8:31 pm: the way the club writes a time."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02} {'am' if moment.hour < 12 else 'pm'}"


def exists_locally(moment, tz):
    """False for a wall-clock time skipped when the clocks go forward."""
    round_trip = moment.astimezone(datetime.UTC).astimezone(tz)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def sunset_at(latitude, longitude, date, tz):
    """The moment of sunset at (`latitude`, `longitude`) on `date`, to the minute, in `tz`.

    Computed offline with astral. Raises ValueError where the sun does not set that day.
    """
    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    moment = sunset(observer, date, tzinfo=tz)
    rounded = moment.replace(second=0, microsecond=0)
    if moment.second >= 30:
        rounded += datetime.timedelta(minutes=1)
    return rounded


def dusk_at(latitude, longitude, date, tz):
    """When civil twilight ends at (`latitude`, `longitude`) on `date` (astral's dusk: the sun 6°
    below the horizon, dark enough for a screen), in `tz`, as the clock reads it when it comes:
    21:04:33 is 9:04 pm. Raises ValueError where it does not get that dark that day."""
    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    return dusk(observer, date, tzinfo=tz).replace(second=0, microsecond=0)


# From this venue time a film is in the evening: "Tonight", not "Today".
EVENING = datetime.time(17, 0)
# What a screening under way (started, not ended: querysets.is_under_way) is said to be.
ON_NOW = "On now"


def day_word(starts, now, *, under_way=False):
    """“On now” for a screening `under_way`, else “Tonight” (“Today” for a film before EVENING)
    or “Tomorrow” for a start `starts` (aware, in its venue's zone) seen at `now`, the days as
    the venue counts them; else ""."""
    if under_way:
        return ON_NOW
    today = now.astimezone(starts.tzinfo).date()
    if starts.date() == today:
        return "Tonight" if starts.time() >= EVENING else "Today"
    return "Tomorrow" if starts.date() == today + datetime.timedelta(days=1) else ""
