"""Signals between apps that may not import each other: the sender and the listener both import
this module, the cellar, and neither knows the other (core.tests.test_layers)."""

from django.dispatch import Signal

# Sent when members are to be told something about one of an app's objects by an app that the
# notifications package may not import (seasons: a suggestion the members chose). Sent inside the
# sender's transaction; the listener (notifications/receivers.py) writes the inbox entries and
# mail in a task once it commits. Arguments: `kind` (a notifications Kind value, e.g. "chosen"),
# `target` (a saved model instance: what they are told of), `members` (user ids), `subject`,
# `text` (paragraphs separated by blank lines), `url` (the page the entry links to, a path) and
# `key` (a list: what makes the telling unique besides the member, the kind and the target, so
# that it reaches a member once).
news_for_members = Signal()
