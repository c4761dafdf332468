"""A screening shared on the web: as schema.org structured data (JSON-LD), for search engines
and calendars, and the title and description its links show."""

from django.utils.dateformat import format as format_date

from films.sharing import film_share_image
from screenings.models import Screening

SCHEMA_STATUS = {
    Screening.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Screening.Status.CANCELLED: "https://schema.org/EventCancelled",
    Screening.Status.POSTPONED: "https://schema.org/EventPostponed",
    Screening.Status.RESCHEDULED: "https://schema.org/EventRescheduled",
}


def offer_availability(screening):
    """A place is on offer only for a screening to come that is going ahead and not full."""
    if screening.is_past or screening.status == Screening.Status.CANCELLED:
        return "https://schema.org/Discontinued"
    if screening.places_left == 0:
        return "https://schema.org/SoldOut"
    return "https://schema.org/InStock"


def schema_org_event(screening, absolute_url):
    """The screening as a schema.org ScreeningEvent (JSON-LD), times in the venue's zone.

    `absolute_url` turns a path into a full URL. Use a screening from for_detail().
    """
    tz = screening.venue.tz
    venue = screening.venue
    page = absolute_url(screening.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "ScreeningEvent",
        "name": screening.title,
        "url": page,
        "startDate": screening.starts_at.astimezone(tz).isoformat(),
        "endDate": screening.ends_at.astimezone(tz).isoformat(),
        "eventStatus": SCHEMA_STATUS[screening.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "location": {
            "@type": "Place",
            "name": venue.name,
            "url": absolute_url(venue.get_absolute_url()),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "addressLocality": venue.city,
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            },
        },
        "workPresented": [
            {
                "@type": "Movie",
                "name": film.title,
                "url": absolute_url(film.get_absolute_url()),
                **({"dateCreated": str(film.year)} if film.year else {}),
                **({"duration": f"PT{film.runtime_minutes}M"} if film.runtime_minutes else {}),
                **(
                    {"director": [{"@type": "Person", "name": p.name} for p in film.directors()]}
                    if film.directors()
                    else {}
                ),
            }
            for film in screening.programme()
        ],
        "offers": {
            "@type": "Offer",
            "price": "0",
            "url": page,
            "availability": offer_availability(screening),
        },
        "organizer": {"@type": "Organization", "name": "filmclub", "url": absolute_url("/")},
        "description": share_description(screening),
    }
    film = screening.feature or next(iter(screening.programme()), None)
    if film:
        data["image"] = [absolute_url(film_share_image(film).url)]
    if screening.doors_at:
        data["doorTime"] = screening.doors_at.astimezone(tz).isoformat()
    if screening.status == Screening.Status.RESCHEDULED and screening.previous_starts_at:
        data["previousStartDate"] = screening.previous_starts_at.astimezone(tz).isoformat()
    if screening.capacity is not None:
        data["maximumAttendeeCapacity"] = screening.capacity
        data["remainingAttendeeCapacity"] = screening.places_left
    return data


def share_title(screening):
    """“Cancelled: Comrades at Riverside Park” (no word for a screening going ahead)."""
    status = (
        f"{screening.get_status_display()}: "
        if screening.status != Screening.Status.SCHEDULED
        else ""
    )
    return f"{status}{screening.title} at {screening.venue.name}"


def venue_description(venue):
    """“Free outdoor screenings at Riverside Park, Toronto.”"""
    outdoor = "outdoor " if venue.is_outdoor else ""
    return f"Free {outdoor}screenings at {venue.name}, {venue.city}."


def share_description(screening):
    reason = screening.status_reason or "Free admission."
    return f"{format_date(screening.date, 'l, F j, Y')} at {screening.venue.name}. {reason}"
