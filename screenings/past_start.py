"""What staff are told when they save a screening whose start is already past (a new one entered
for the archive, one moved, a copy): where the site lists it, whether it takes RSVPs, and that
no member hears of it. Nothing is announced, reminded or mailed about a screening once it has
started (notifications.about_screenings: announceable, change_to_tell; reminders.due)."""

from django.utils import timezone

from screenings.querysets import has_ended, has_started


def past_start_warning(screening, *, moved=False, now=None):
    """The admin's warning for `screening` just saved (`moved`: its start changed, else it is
    new), or None when it is still to begin."""
    now = now or timezone.now()
    if not has_started(screening, now):
        return None
    if has_ended(screening, now):
        where = "is in the past: it is listed in Past screenings and takes no RSVPs"
    else:
        where = "has already started: it shows as on now until its programme has run"
    if moved:
        told = "Members going are not told of the new time, nor reminded."
    else:
        told = "No member is told of it: no announcement, no reminder."
    return f"“{screening}” {where}. {told}"
