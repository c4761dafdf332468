"""Signals of the reviews app besides the models' own."""

from django.dispatch import Signal

# A member's new log of a film was saved over their bare mark of it (logs.save_new_log), sent
# with `log`: a new log all the same, though its post_save says created=False.
mark_logged = Signal()

# A member is logging a film from a form of theirs (the log form, the film page's first quick
# rating): the new log is written next, in the same transaction. Sent with `member` and `film`.
# Receivers do now what a new log means to their own things, and may return a sentence telling
# the member so (or None): the view adds it to its message. A new log written anywhere else
# (an import, the admin) reaches them as post_save or mark_logged.
film_logging = Signal()
