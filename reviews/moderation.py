"""Staff hiding reviews and comments: who may do it, the rule that they say why, and the note the
author reads (reviews.models' constraints and the pages that show a hidden review or comment)."""

from django.db import models
from django.db.models import Q


def can_moderate(user, model):
    """Whether `user` may hide and unhide `model`'s rows on the site (and read hidden ones):
    staff with the permission the admin asks to change them (reviews.change_review,
    reviews.change_comment). `is_staff` alone opens the admin, nothing more."""
    return bool(
        user.is_authenticated
        and user.is_staff
        and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    )


def hidden_note(reason):
    """What the author (and staff) read on a review or comment staff hid: the reason, ended by
    one full stop whether or not staff typed one."""
    reason = reason.strip()
    ending = "" if reason.endswith((".", "!", "?", "…")) else "."
    return f"Hidden by staff: {reason}{ending} Only its author and staff can see it."


def hidden_has_reason(model_name):
    """The rule that staff who hide a review or a comment (`model_name`) say why: the author is
    shown the reason."""
    return models.CheckConstraint(
        condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
        name=f"{model_name}_hidden_has_reason",
        violation_error_message=f"Give a reason to hide a {model_name}.",
    )
