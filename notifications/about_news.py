"""What members are told by the apps this package may not import (seasons): their news comes
through core.signals.news_for_members with its words ready, and is written here by a task."""

from django.apps import apps

from notifications.models import Kind
from notifications.sending import notify


def tell_news(kind, model_label, pk, members, subject, text, url, key):
    """Tell `members` the news about the object `model_label` `pk`, if it is still there (a
    suggestion withdrawn, a row deleted, before the worker came to it, is news no more).
    Returns how many were told: none twice (the notification's key)."""
    target = apps.get_model(model_label).objects.filter(pk=pk).first()
    if target is None:
        return 0
    return notify(members, Kind(kind), target, subject=subject, text=text, url=url, key_parts=key)
