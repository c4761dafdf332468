"""The background tasks (django-tasks) that decide who is told what; the one that mails is
sending.send_notifications. Each takes ids, re-reads the database and is idempotent, so a retry
or a second run tells nobody twice."""

from django_tasks import task

from notifications import about_members, about_news, about_reviews, about_screenings


@task()
def comment_posted(comment_id):
    return about_reviews.tell_about_comment(comment_id)


@task()
def item_hidden(model_label, pk):
    return about_reviews.tell_about_hiding(model_label, pk)


@task()
def screening_changed(screening_id, sequence, changes):
    """One task per change, however many are going: it writes the rows and queues their mail
    in batches (the request that made the change never waits for it)."""
    return about_screenings.tell_going_about_change(screening_id, sequence, changes)


@task()
def screening_announced(screening_id):
    """One task per new screening, however many members asked to hear of it: it writes their
    rows in bulk and queues their mail in batches (the admin's request never waits for it)."""
    return about_screenings.tell_about_new_screening(screening_id)


@task()
def member_followed(follower_id, followed_id):
    return about_members.tell_about_follower(follower_id, followed_id)


@task()
def tell_news(kind, model_label, pk, members, subject, text, url, key):
    """News from an app this package may not import (core.signals.news_for_members), written
    once its sender's transaction has committed."""
    return about_news.tell_news(kind, model_label, pk, members, subject, text, url, key)
