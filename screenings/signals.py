"""What screenings tells the apps above it (notifications), knowing nothing of them."""

from django.dispatch import Signal

# Sent when a screening's calendar SEQUENCE was raised: after a save that changed its start,
# status or venue, and after its programme changed. Arguments: `screening` (as saved) and
# `changes`, {"starts_at" | "status" | "venue_id": the value before, "programme": [film ids
# before]}.
screening_changed = Signal()
