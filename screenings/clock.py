"""Time at a venue: its zone, and the club's way of writing a time of day."""

import datetime
import functools
import zoneinfo


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
