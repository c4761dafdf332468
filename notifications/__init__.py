"""What the club tells its members: an on-site inbox (the bell in the header) and mail.

The API, for the apps above screenings and reviews (the layer rule: nothing below imports this
package; apps below send signals, as screenings.signals.screening_changed, and this package
listens in notifications/receivers.py):

    from notifications import Kind, notify

    notify(
        recipients,          # users or user ids
        Kind.REMINDER,       # Kind: comment, reply, hidden, screening, reminder, announcement,
                             # waitlist, followed, chosen
        screening,           # the thing told about (any model with get_absolute_url())
        subject="Tomorrow: Do the Right Thing at Fort Greene Park",
        text="Plain text; paragraphs separated by blank lines.",
        url=None,            # the page entries link to; default target.get_absolute_url()
        ics=None,            # a VCALENDAR (str or bytes) to attach; its METHOD is kept
        key_parts=(date,),   # what makes this telling unique besides (member, kind, target)
    )

notify() writes one row per member (models.Notification: the inbox entry and the mail's state)
in the caller's transaction, and returns how many were new: a member already told with the same
(kind, target, key_parts) is skipped, so calling it twice, from a retry or a second worker, tells
nobody twice. When the transaction commits, send tasks are queued (django-tasks, the database
backend; `manage.py db_worker` runs them, `manage.py drain_tasks` runs what is due and exits).
Mail goes only to a verified address and only for kinds the member has not turned off
(Preference; announcements are opt-in, and so is a new follower's mail), with a one-click
unsubscribe for its kind.

For many members (a reminder to 5,000), call notify() from a task (`@task()` in your own tasks
module, enqueued with `transaction.on_commit(lambda: my_task.enqueue(screening.pk))`), not in a
request. A screening's change (cancelled, postponed, new start, venue or programme) is already
told to everyone going, keyed by its calendar SEQUENCE, with the updated .ics
(notifications/about_screenings.py): save the screening (or call bump_sequence with the programme
before) and screenings.signals.screening_changed does the rest. A new screening, going ahead and
to come, is announced once to the members who turned announcements on (receivers.py, a task).
"""


def notify(recipients, kind, target, **options):
    """See the module's docstring (imported late: this package loads before the models)."""
    from notifications.sending import notify as record_and_queue

    return record_and_queue(recipients, kind, target, **options)


def __getattr__(name):
    if name == "Kind":
        from notifications.models import Kind

        return Kind
    raise AttributeError(name)
