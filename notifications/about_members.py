"""What members are told of other members: a new follower."""

from django.contrib.auth import get_user_model

from notifications.models import Kind
from notifications.sending import notify


def tell_about_follower(follower_id, followed_id):
    """The followed member, with the follower's name and a link to their page, once per
    follower (the key is the pair: unfollowing and following again tells nobody twice). Nobody
    is told of a follow undone before the worker came to it, nor of a follower whose page others
    may not open (deactivated, or their address unconfirmed). Returns how many were told."""
    members = get_user_model().members
    follower = (
        members.public()
        .filter(pk=follower_id, is_active=True, following_set__followed=followed_id)
        .first()
    )
    if follower is None:
        return 0
    who = follower.name_with_handle
    return notify(
        [followed_id],
        Kind.FOLLOWED,
        follower,
        subject=f"{follower.public_name} followed you",
        text=f"{who} now follows you: what you log leads their home page.",
    )
