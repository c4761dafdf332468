"""Signals of the reviews app besides the models' own."""

from django.dispatch import Signal

# A member's new log of a film was saved over their bare mark of it (logs.save_new_log), sent
# with `log`: a new log all the same, though its post_save says created=False.
mark_logged = Signal()
