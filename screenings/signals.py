"""What screenings tells the apps above it (notifications), knowing nothing of them."""

from django.dispatch import Signal

# Sent when a screening's calendar SEQUENCE was raised: after a save that changed its start,
# status or venue, and after its programme changed. Arguments: `screening` (as saved) and
# `changes`, {"starts_at" | "status" | "venue_id": the value before, "programme": [film ids
# before]}.
screening_changed = Signal()

# Sent when members are to be told something of a screening (screenings.announce): a place
# given from the waitlist, a rain call that goes ahead, the reminder the day before. Sent inside
# the transaction that made the change. Arguments: `kind` ("waitlist", "screening" or
# "reminder"), `screening`, `members` (user ids), `subject`, `text` (paragraphs separated by
# blank lines; or a function of a member's id giving theirs, for a text with a link of their
# own) and `key` (a list: what makes the message itself, so that the same kind, screening
# and key reach a member once).
members_told = Signal()
