"""An import's rows written as the member's logs, ratings, likes and watchlist, idempotently:
each row first looks for what it would write, so the same export imported twice (or a batch run
again after a failure) changes nothing.

- a diary row is one log, known by member, film, watched date and rewatch, with its tags;
- a review row gives that log its text (made if missing), unless it already has some;
- a log made by a diary or review row takes the place of the member's bare mark of the film
  (reviews.logs.save_new_log): it keeps its rating, or takes the mark's, and the mark's like,
  tags and how it was seen, so that the film is logged once, not marked seen and logged;
- a diary or review row gives its tags to a log that has none (a log imported before tags were);
- a rating row rates the film when the member has no rated log of it: on their undated log,
  made if need be (a rating without a date: seen, not in the diary);
- a like marks the member's latest log of the film liked, unless one already is;
- a watched row (a film marked seen) is an undated log, when the member has no log of it;
- a watchlist row is a watchlist entry;
- a list's own row is a list of the member's, private, unless they have one of that title
  (or of that title's address) already;
- a list's film is an entry on that list, with its note, after those it has, unless it is on it;
- a row that matched no film is kept as a film the member wants added (WantedFilm).
"""

import logging
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from films.models import Film
from members.letterboxd.matching import UNMATCHED, chosen_film
from members.letterboxd.models import ImportJob, WantedFilm
from members.letterboxd.reader import LIST, LIST_FILM
from members.letterboxd.text import review_markdown
from members.models import MemberList, WatchlistEntry, add_to_list
from reviews.logs import MARK_FIELDS, bare_mark, save_new_log
from reviews.models import Review

logger = logging.getLogger(__name__)

BATCH = 200
# What each kind of row may have done: counted for the member's summary.
ADDED, ALREADY, LEFT_OUT, WANTED = "added", "already there", "left out", "wanted"


def logged_at(row):
    """When the entry was made on Letterboxd (its Date), as the log's publication time."""
    if not row["date"]:
        return timezone.now()
    moment = timezone.make_aware(datetime.combine(day(row["date"]), time(12)))
    return min(moment, timezone.now())


def day(text):
    return date.fromisoformat(text) if text else None


def imported_log(member, film_id, row, **fields):
    return Review(
        author=member,
        film_id=film_id,
        status=Review.Status.PUBLISHED,
        published_at=logged_at(row),
        **fields,
    )


def new_log(member, film_id, row, **fields):
    log = imported_log(member, film_id, row, **fields)
    log.save()
    return log


def dated_log(member, film_id, row):
    return Review.objects.filter(
        author=member,
        film_id=film_id,
        watched_on=day(row["watched_on"]),
        is_rewatch=row["rewatch"],
    ).first()


def new_dated_log(member, film_id, row, **fields):
    """A log of the row's film on its watched date, with its rewatch flag and rating, in the
    place of the member's bare mark of the film if they have one (save_new_log): what the
    member gave the mark here and the export lacks is kept (MARK_FIELDS)."""
    log = imported_log(
        member,
        film_id,
        row,
        watched_on=day(row["watched_on"]),
        is_rewatch=row["rewatch"],
        rating=row["rating"],
        tags=row.get("tags", ""),  # rows read before tags were kept have none
        **fields,
    )
    return save_new_log(log=log, fill=MARK_FIELDS)


def complete(log, **fields):
    """Give `log` those of `fields` it lacks (never replacing what the member has): ADDED if
    it lacked any, else ALREADY."""
    lacking = {name: value for name, value in fields.items() if value and not getattr(log, name)}
    if not lacking:
        return ALREADY
    for name, value in lacking.items():
        setattr(log, name, value)
    rendered = ["body_html", "excerpt"] if "body" in lacking else []
    log.save(update_fields=[*lacking, *rendered, "updated_at"])
    return ADDED


def apply_diary(member, film_id, row):
    log = dated_log(member, film_id, row)
    if log is not None:
        return complete(log, tags=row.get("tags", ""))
    new_dated_log(member, film_id, row)
    return ADDED


def apply_review(member, film_id, row):
    body = review_markdown(row["review"])
    log = dated_log(member, film_id, row)
    # A review without a date finds the member's bare mark, undated too: it takes its place.
    if log is None or (body and log == bare_mark(member, film_id)):
        new_dated_log(member, film_id, row, body=body)
        return ADDED
    return complete(log, body=body, tags=row.get("tags", ""))


def apply_rating(member, film_id, row):
    logs = Review.objects.filter(author=member, film_id=film_id)
    if logs.filter(rating__isnull=False).exists():
        return ALREADY
    undated = logs.filter(watched_on__isnull=True).first()
    if undated is None:
        new_log(member, film_id, row, rating=row["rating"])
    else:
        undated.rating = row["rating"]
        undated.save(update_fields=["rating", "updated_at"])
    return ADDED


def apply_like(member, film_id, row):
    logs = Review.objects.filter(author=member, film_id=film_id)
    if logs.filter(liked=True).exists():
        return ALREADY
    latest = logs.order_by("-watched_on", "-pk").first()
    if latest is None:
        new_log(member, film_id, row, liked=True)
    else:
        latest.liked = True
        latest.save(update_fields=["liked", "updated_at"])
    return ADDED


def apply_watched(member, film_id, row):
    if Review.objects.filter(author=member, film_id=film_id).exists():
        return ALREADY
    new_log(member, film_id, row)
    return ADDED


def apply_watchlist(member, film_id, row):
    _, created = WatchlistEntry.objects.get_or_create(
        member=member, film_id=film_id, defaults={"added_at": logged_at(row)}
    )
    return ADDED if created else ALREADY


def members_list(member, title):
    """The member's list `title`: of that title, else at that title's address (a list renamed
    only in case or punctuation); None if they have none."""
    lists = MemberList.objects.filter(owner=member).order_by("pk")
    return lists.filter(title=title).first() or lists.filter(slug=slugify(title)[:200]).first()


def apply_list(member, row):
    if members_list(member, row["name"]) is not None:
        return ALREADY
    MemberList.objects.create(
        owner=member,
        title=row["name"],
        description=row["description"],
        is_ranked=row["ranked"],
        is_public=False,  # the member makes it public: Letterboxd's export does not say
        created_at=logged_at(row),
    )
    return ADDED


def apply_list_film(member, film_id, row):
    member_list = members_list(member, row["list"])
    if member_list is None:
        return LEFT_OUT
    if member_list.entries.filter(film_id=film_id).exists():
        return ALREADY
    film = Film.objects.filter(pk=film_id).first()
    if film is None:  # removed from the catalogue since the preview
        return LEFT_OUT
    try:
        add_to_list(member_list=member_list, film=film, note=row["note"])
    except ValidationError:  # the list is full
        return LEFT_OUT
    return ADDED


APPLY = {
    "diary": apply_diary,
    "review": apply_review,
    "rating": apply_rating,
    "like": apply_like,
    "watched": apply_watched,
    "watchlist": apply_watchlist,
    LIST_FILM: apply_list_film,
}


def apply_row(member, row, choices):
    if row["kind"] == LIST:
        return apply_list(member, row)
    film_id = chosen_film(row, choices)
    if film_id is not None:
        if row["kind"] == "rating" and row["rating"] is None:
            return LEFT_OUT
        return APPLY[row["kind"]](member, film_id, row)
    if row["state"] != UNMATCHED:
        return LEFT_OUT  # ambiguous, and the member chose none of the films
    WantedFilm.objects.get_or_create(
        member=member, name=row["name"], year=row["year"], defaults={"letterboxd_uri": row["uri"]}
    )
    return WANTED


def run_batch(job_id):
    """Apply the next BATCH rows of the job and record how far it got, in one transaction (a
    batch interrupted is rolled back and run again, which its idempotence makes harmless).
    Returns whether rows remain."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("member").get(pk=job_id)
        if job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
            return False
        counts = dict(job.counts)
        for row in job.rows[job.processed : job.processed + BATCH]:
            outcome = apply_row(job.member, row, job.choices)
            counts[f"{row['kind']}:{outcome}"] = counts.get(f"{row['kind']}:{outcome}", 0) + 1
        job.processed = min(job.total, job.processed + BATCH)
        job.counts = counts
        job.status = ImportJob.Status.RUNNING
        if job.processed >= job.total:
            job.status = ImportJob.Status.DONE
            job.finished_at = timezone.now()
        job.save()
        return job.status == ImportJob.Status.RUNNING


def run(job_id):
    """Apply every row of the job, batch by batch (the task and a small import at once). A
    failure is the job's, shown to the member on its page, never an error page: the batches
    already applied stay, and importing the export again completes it."""
    try:
        while run_batch(job_id):
            pass
    except Exception as error:
        logger.exception("Letterboxd import %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
