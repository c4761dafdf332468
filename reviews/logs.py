"""Writes to a member's logs besides editing one: the film page's quick rating, and a new log
taking the place of a bare mark (the film marked seen, perhaps rated, with no date and no text)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Subquery

from reviews.models import Review
from reviews.querysets import has_text_q
from reviews.signals import mark_logged

# What a bare mark may hold besides its film: the form that logs the film starts from them.
MARK_FIELDS = ("rating", "liked", "format", "how_i_saw_it", "tags")


def viewing_q():
    """A log of a viewing: dated (a line of the diary) or with text (a review). A log with
    neither is a bare mark, which makes no later log a rewatch."""
    return Q(watched_on__isnull=False) | has_text_q()


def is_viewing(log):
    """viewing_q's rule, for one log."""
    return log.watched_on is not None or log.has_text


def has_viewing(member, film):
    """Whether `member` has logged a viewing of `film` (viewing_q): a new log is a rewatch."""
    return Review.objects.filter(viewing_q(), author=member, film=film).exists()


def bare_mark(member, film):
    """`member`'s latest log of `film` if it is a bare mark (not viewing_q), else None: logging
    the film turns that mark into the log (save_new_log). Only the latest, so that the log stays
    their latest, which holds their current rating (current_ratings). Drafts are passed over:
    they leave the mark alone until they are published (publish_draft)."""
    logs = Review.objects.filter(author=member, film=film).exclude(status=Review.Status.DRAFT)
    latest = logs.order_by("-pk").values("pk")[:1]
    return logs.exclude(viewing_q()).filter(pk=Subquery(latest)).first()


def take_in_mark(log, mark, *, fill=("rating",)):
    """The rule of a published log taking the place of `mark`, its member's bare mark of the film
    (bare_mark), so that they have one log of that viewing, not the log and the mark: `log` keeps
    each of `fill` it has and takes the mark's where it has none (by default the rating: the log
    form starts from the mark's MARK_FIELDS, so only a rating the member left empty is filled
    in; an import passes MARK_FIELDS), and the mark's moderation stays with it. The caller saves
    `log` in the mark's place (save_new_log) or deletes the mark (publish_draft)."""
    for name in fill:
        if not getattr(log, name):
            setattr(log, name, getattr(mark, name))
    log.is_hidden, log.hidden_reason = mark.is_hidden, mark.hidden_reason


def lock_member(member):
    """Hold `member`'s row until the transaction ends: their writes to their logs of a film
    run one after another, even when there is no log yet to lock (each would add one)."""
    members = get_user_model().objects.select_for_update(no_key=True)
    list(members.filter(pk=member.pk).values_list("pk"))


@transaction.atomic
def save_new_log(*, log, fill=("rating",)):
    """Save `log`, a member's new log of a film. Published, it is saved where their bare mark of
    it is (bare_mark) if they have one, taking it in (take_in_mark, with `fill`): the same row
    then holds the log (dated, published, with text and slug as a new log), so the film is
    logged once, not marked seen and logged, and mark_logged tells who needs to know that it is
    a new log. A draft leaves the mark alone: the member's rating stays public until the draft
    is published (publish_draft). Returns the log."""
    lock_member(log.author)
    mark = bare_mark(log.author, log.film) if log.is_published else None
    if mark is not None:
        take_in_mark(log, mark, fill=fill)
        log.pk, log.slug = mark.pk, ""  # saved over the mark's row; save() makes the slug anew
    log.save()
    if mark is not None:
        mark_logged.send(sender=Review, log=log)
    return log


@transaction.atomic
def publish_draft(*, log):
    """Save `log`, a member's draft now published (its status set, the row still a draft): it
    takes in their bare mark of the film (bare_mark, take_in_mark), left alone while it was a
    draft, and the mark is deleted, so that they have one log of that viewing. Returns the
    log."""
    lock_member(log.author)
    mark = bare_mark(log.author, log.film)
    if mark is not None:
        take_in_mark(log, mark)
        mark.delete()
    log.save()
    return log


@transaction.atomic
def rate(*, member, film, rating, before_new_log=None, drafts_rated=None):
    """Give `film` the rating `rating` (1–10 half stars, or None to clear it) as `member`'s current
    rating, public at once: their latest log of the film that is not a draft takes it
    (current_ratings counts the latest rated log), or, if they have none, an undated log without
    text (the film marked seen and rated), written after `before_new_log()` is called, if given.
    Their drafts of the film that publishing would make their current rating take it too (all
    of them when that log is a bare mark, which publish_draft takes in, else those begun after
    it), so that publishing one keeps the rating just given; `drafts_rated(count)` is called
    with how many did, if given. Returns the log. Clearing with no log but drafts writes no log
    and returns None."""
    lock_member(member)
    logs = list(Review.objects.select_for_update().filter(author=member, film=film).order_by("-pk"))
    latest = next((log for log in logs if not log.is_draft), None)
    drafts = [
        log
        for log in logs
        if log.is_draft and (latest is None or not is_viewing(latest) or log.pk > latest.pk)
    ]
    for draft in drafts:
        draft.rating = rating
        draft.save(update_fields=["rating", "updated_at"])
    if drafts_rated is not None:
        drafts_rated(len(drafts))
    if latest is None:
        if rating is None:
            return None
        if before_new_log is not None:
            before_new_log()
        log = Review(author=member, film=film, rating=rating)
        log.publish()
        log.full_clean(exclude=["slug"])  # save() makes it
        log.save()
        return log
    latest.rating = rating
    latest.save(update_fields=["rating", "updated_at"])
    return latest
