"""The mails' "can't come after all?" link: a signed token names the member and the screening, so
the link works without signing in (as the notifications' unsubscribe link does) and cannot be made
for anyone else, nor for another screening.

Opening it only asks (mail scanners and link previews follow links); its one button, a POST,
gives the place back through rsvps.withdraw_rsvp, as the screening page's own button does.
A link lasts MAX_AGE from its mail, long enough for a place given weeks ahead; after that, or
when altered, it is refused with a page saying what to do instead.
"""

import datetime

from django.core import signing
from django.urls import reverse

SALT = "screenings.not-going"
MAX_AGE = datetime.timedelta(days=60)


class Refused(Exception):
    """The token was not made here (cut short, altered), or is older than MAX_AGE."""

    def __init__(self, *, expired):
        super().__init__("expired" if expired else "forged")
        self.expired = expired


def token_for(user_id, screening_id):
    return signing.dumps([user_id, screening_id], salt=SALT)


def read_token(token):
    """(user id, screening id) from a token, or raises Refused."""
    try:
        user_id, screening_id = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Refused(expired=False) from None
    if not (isinstance(user_id, int) and isinstance(screening_id, int)):
        raise Refused(expired=False)
    return user_id, screening_id


def not_going_path(user_id, screening_id):
    return reverse("screenings:not_going_link", kwargs={"token": token_for(user_id, screening_id)})
