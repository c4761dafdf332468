"""Time at a venue: its zone, and the club's way of writing a time of day."""

import datetime
import functools
import zoneinfo

from astral import Observer
from astral.sun import sunset
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
