"""Constraints several apps' models share."""

from django.db import models


def once_per_member(act, *, per, message):
    """The rule that a member does `act` once per `per` (says they are going to a screening,
    seconds a suggestion): a unique (`per`, user) pair named "<act>_once_per_member", so the
    database refuses a second row and full_clean() reports `message` on the form."""
    return models.UniqueConstraint(
        fields=[per, "user"], name=f"{act}_once_per_member", violation_error_message=message
    )
