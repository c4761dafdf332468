"""One-click unsubscribe links: a signed token names the member and the kind of mail, so the link
works without signing in and cannot be made for anyone else (RFC 8058)."""

from django.core import signing
from django.urls import reverse

SALT = "notifications.unsubscribe"


def token_for(user_id, kind):
    return signing.dumps([user_id, str(kind)], salt=SALT, compress=True)


def read_token(token):
    """(user id, kind) from a token, or None when it was not made here."""
    try:
        user_id, kind = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return user_id, kind


def unsubscribe_path(user_id, kind):
    return reverse("notifications:unsubscribe", kwargs={"token": token_for(user_id, kind)})
