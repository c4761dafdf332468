"""What the log form (reviews:create, reviews:update) posts: a review is a log with text, so the
tests of both build their data here, each from its own defaults."""


def entry_data(film, /, **fields):
    """Publish a log of `film` with `fields` filled in and the rest left blank."""
    return {
        "film": film.pk,
        "title": "",
        "body": "",
        "rating": "",
        "how_i_saw_it": "",
        "action": "publish",
        **fields,
    }


def review_data(film, /, **overrides):
    """A review with a title and a Markdown body, unrated."""
    return entry_data(film, **{"title": "Almost", "body": "The *almost* matters.", **overrides})


def log_data(film, /, **overrides):
    """A diary entry without text: rated, dated, and how it was seen."""
    seen = {
        "watched_on": "2024-05-31",
        "rating": "7",
        "format": "vcd",
        "how_i_saw_it": "Borrowed from the Chinatown library",
    }
    return entry_data(film, **{**seen, **overrides})
