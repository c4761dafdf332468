"""The rate limits' messages say how long to wait as a member reads it (core/ratelimit.py)."""

import pytest

from core.ratelimit import waiting


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (1, "a minute"),
        (60, "a minute"),
        (61, "about 2 minutes"),
        (600, "about 10 minutes"),
        (3000, "about 50 minutes"),
        (3600, "about an hour"),
        (3 * 3600, "about 3 hours"),
        (86400, "about a day"),
        (2 * 86400, "about 2 days"),
    ],
)
def test_a_wait_is_said_in_words(seconds, said):
    assert waiting(seconds) == said
