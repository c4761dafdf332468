"""What staff may not save as a screening (Screening.clean): the archive's slug, a start at dusk
where it never gets dark, a start time the clocks skip, doors after the start, a rain date on or
before the screening's day, a capacity below the members already going."""

from screenings.clock import exists_locally, local_clock

# The constraint screening_rain_date_after_date's message too: said on the rain date's field here,
# the constraint (skipped once the field has an error) keeps it for other writes.
RAIN_DATE_AFTER = "The rain date must be after the screening's date."


def screening_errors(screening):
    """{field: message} of what is wrong with `screening`, or {}. Sets its computed times
    (compute_times) as a side effect, as saving it would."""
    errors = {}
    if screening.slug == "past":
        errors["slug"] = "“past” is the archive's address: choose another slug."
    if screening.venue_id and screening.date:
        try:
            screening.compute_times()
        except ValueError:
            errors["starts_at_dusk"] = (
                f"It does not get dark at {screening.venue} on {screening.date:%Y-%m-%d}: "
                "give a start time."
            )
        else:
            errors.update(time_errors(screening))
    if screening.rain_date and screening.date and screening.rain_date <= screening.date:
        errors["rain_date"] = RAIN_DATE_AFTER
    if screening.capacity is not None and screening.pk:
        going = screening.rsvps.count()
        if screening.capacity < going:
            errors["capacity"] = (
                f"{going} members have already said they are going: the capacity cannot be "
                f"below {going}."
            )
    return errors


def time_errors(screening):
    errors = {}
    tz = screening.venue.tz
    start_time = screening.start_time
    if start_time and not screening.starts_at_dusk and not exists_locally(screening.starts_at, tz):
        errors["start_time"] = (
            f"{local_clock(start_time)} does not exist on {screening.date:%Y-%m-%d} in "
            f"{screening.venue.time_zone} (the clocks go forward): choose another time."
        )
    if screening.doors_at and screening.starts_at and screening.doors_at > screening.starts_at:
        starts = local_clock(screening.starts_at.astimezone(tz))
        at_dusk = " at dusk" if screening.starts_at_dusk else ""
        errors["doors_time"] = (
            f"Doors at {local_clock(screening.doors_time)} would open after the film starts "
            f"({starts}{at_dusk}): doors open before the start."
        )
    return errors
