"""What a rich result needs of schema.org structured data, as Google's search documentation
lists it (developers.google.com/search/docs/appearance/structured-data): the properties each type
requires, and those it recommends that the site can give. A dotted path names a property of a
property; a list (the directors) must be non-empty and each item must have the rest of the path.

    Movie (movie carousel)    required: name, image;  recommended: dateCreated, director
    Review (review snippet)   required: author.name, itemReviewed.name, reviewRating.ratingValue
                              recommended: datePublished, reviewRating.bestRating, .worstRating
    Event (event)             required: name, startDate, location.name, location.address
                              recommended: description, endDate, eventStatus, image, offers,
                              organizer, eventAttendanceMode

A Movie's aggregateRating and review (recommended) are the reviews' to give, on their pages; an
Event's performer (recommended) has no meaning for a film show.
"""

RICH_RESULTS = {
    "Movie": {
        "required": ["name", "image"],
        "recommended": ["dateCreated", "director.name"],
    },
    "Review": {
        "required": [
            "author.name",
            "itemReviewed.name",
            "reviewRating.ratingValue",
        ],
        "recommended": [
            "datePublished",
            "reviewRating.bestRating",
            "reviewRating.worstRating",
            "itemReviewed.image",
        ],
    },
    "ScreeningEvent": {
        "required": ["name", "startDate", "location.name", "location.address"],
        "recommended": [
            "description",
            "endDate",
            "eventStatus",
            "eventAttendanceMode",
            "image",
            "offers.price",
            "offers.availability",
            "organizer.name",
        ],
    },
}


def has(data, path):
    """Whether `data` has a non-empty value at the dotted `path` (in every item of a list)."""
    if isinstance(data, list):
        return bool(data) and all(has(item, path) for item in data)
    name, _, rest = path.partition(".")
    if not isinstance(data, dict) or data.get(name) in (None, "", [], {}):
        return False
    return has(data[name], rest) if rest else True


def missing(data):
    """The required and recommended properties `data` (one JSON-LD object) lacks, by kind."""
    table = RICH_RESULTS[data["@type"]]
    assert data["@context"] == "https://schema.org"
    return {kind: [path for path in paths if not has(data, path)] for kind, paths in table.items()}
