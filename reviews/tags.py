"""A log's tags: the member's own labels for a viewing ("outdoor, with friends"), as Letterboxd
has them (its export's Tags column: the tags separated by commas). Kept as one text, in the
member's order, written the one way normal_tags gives."""

import unicodedata

TAGS_MAX_LENGTH = 500  # all of one log's tags together, as kept ("a, b")
SEPARATOR = ", "


def normal_tags(text):
    """`text`'s tags as kept: split at commas, each trimmed with its inner spaces single and
    control characters left out, empty ones and repeats (in any case) dropped, order kept."""
    seen, tags = set(), []
    for part in (text or "").split(","):
        tag = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in part).split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return SEPARATOR.join(tags)


def tag_list(tags):
    """The tags of a kept text (normal_tags'), as a list."""
    return tags.split(SEPARATOR) if tags else []
