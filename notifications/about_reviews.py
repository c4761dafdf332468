"""What members are told about their reviews and comments: a comment on their review, a reply to
their comment, and staff hiding what they wrote (with the reason)."""

from django.apps import apps
from django.utils.text import Truncator

from notifications.models import Kind
from notifications.sending import notify
from reviews.models import Comment, Review

EXCERPT = 1000  # characters of the comment quoted in the mail


def tell_about_comment(comment_id):
    """The review's author of a new comment, the parent's author of a reply (once each; nobody
    about their own words). Returns how many were told."""
    comment = (
        Comment.objects.select_related("author", "review__author", "parent__author")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or comment.is_deleted or comment.is_hidden:
        return 0
    review = comment.review
    who = comment.author.public_name
    quoted = Truncator(comment.body).chars(EXCERPT)
    told = 0
    replied_to = None
    if comment.parent and not comment.parent.is_deleted:
        replied_to = comment.parent.author_id
    if replied_to and replied_to != comment.author_id:
        told += notify(
            [replied_to],
            Kind.REPLY,
            comment,
            subject=f"{who} replied to your comment on “{review.title}”",
            text=f"{who} replied to your comment on “{review.title}”:\n\n{quoted}",
        )
    if review.author_id not in {comment.author_id, replied_to}:
        told += notify(
            [review.author_id],
            Kind.COMMENT,
            comment,
            subject=f"{who} commented on your review “{review.title}”",
            text=f"{who} commented on your review “{review.title}”:\n\n{quoted}",
        )
    return told


def tell_about_hiding(model_label, pk):
    """The author of a review or comment staff hid, with the reason staff gave."""
    model = apps.get_model(model_label)
    item = model.objects.select_related("author").filter(pk=pk).first()
    if item is None or not item.is_hidden:
        return 0  # unhidden before the worker came to it
    if isinstance(item, Review):
        what = f"your review “{item.title}”"
    else:
        what = f"your comment on “{item.review.title}”"
    return notify(
        [item.author_id],
        Kind.HIDDEN,
        item,
        subject=f"Staff hid {what}",
        text=(
            f"The club's staff hid {what}: other members no longer see it.\n\n"
            f"The reason given: {item.hidden_reason}"
        ),
        key_parts=[item.hidden_reason],
    )
