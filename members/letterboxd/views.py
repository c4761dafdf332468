"""The member's import from Letterboxd (upload, preview, confirm, progress) and their export.
Every page is the member's own: another member's handle or job is a 404."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.ratelimit import allow, limited, member_post, too_many
from films.models import Film
from members.letterboxd import applying, exporting, tasks
from members.letterboxd.forms import UploadForm
from members.letterboxd.matching import (
    AMBIGUOUS,
    MATCHED,
    UNMATCHED,
    is_film,
    match_rows,
    row_key,
)
from members.letterboxd.models import ImportJob
from members.letterboxd.reader import LIST, LIST_FILM, Refused, read_export

# Up to this many rows an import runs during the request; more go to the task worker.
AT_ONCE_ROWS = 300
# The preview lists this many films of each state; the rest are counted.
PREVIEW_SHOWN = 300


def own(request, handle):
    if handle != request.user.username:
        raise Http404("Only the member themself sees this page.")


@login_required
@limited("letterboxd-import")
def import_start(request, handle):
    own(request, handle)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["export"]
        try:
            rows = match_rows(read_export(upload))
        except Refused as refusal:
            form.add_error("export", refusal.messages)
        else:
            job = ImportJob.objects.create(
                member=request.user, filename=upload.name[:255], rows=rows, total=len(rows)
            )
            return redirect(job)
    jobs = ImportJob.objects.filter(member=request.user).defer("rows")[:5]
    return render(request, "members/letterboxd/import.html", {"form": form, "jobs": jobs})


def own_job(request, handle, pk):
    """The member's job; its rows (up to MAX_ROWS) are read only when needed, not each time
    the progress page polls."""
    own(request, handle)
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=pk, member=request.user)
    job.member = request.user
    return job


@login_required
def job_detail(request, handle, pk):
    job = own_job(request, handle, pk)
    if job.status != ImportJob.Status.PREVIEW:
        return render(request, "members/letterboxd/progress.html", {"job": job, **summary(job)})
    return render(request, "members/letterboxd/preview.html", {"job": job, **preview(job)})


def preview(job):
    """The export's films by state: each once, with its rows' kinds and (ambiguous) the films
    the member chooses among; all the candidate films in one query."""
    groups = {}
    for row in filter(is_film, job.rows):
        group = groups.setdefault(
            row_key(row),
            {"name": row["name"], "year": row["year"], "state": row["state"], "kinds": Counter()},
        )
        group["films"] = row["films"]
        group["kinds"][row["kind"]] += 1
    by_state = {MATCHED: [], AMBIGUOUS: [], UNMATCHED: []}
    for group in groups.values():
        by_state[group["state"]].append(group)
    shown = {state: found[:PREVIEW_SHOWN] for state, found in by_state.items()}
    film_ids = {pk for state in shown.values() for group in state for pk in group["films"]}
    films = Film.objects.in_bulk(film_ids)
    for state in shown.values():
        for group in state:
            group["films"] = [films[pk] for pk in group["films"] if pk in films]
    for number, group in enumerate(by_state[AMBIGUOUS]):
        group["field"] = f"choice-{number}"
    return {
        "matched": shown[MATCHED],
        "ambiguous": by_state[AMBIGUOUS],
        "unmatched": shown[UNMATCHED],
        "counts": {state: len(found) for state, found in by_state.items()},
        "lists": list_counts(job.rows),
    }


def list_counts(rows):
    """How many lists the export has, how many films on them, and how many of those films the
    catalogue has (or may have: the member chooses)."""
    films = [row for row in rows if row["kind"] == LIST_FILM]
    return {
        "lists": sum(row["kind"] == LIST for row in rows),
        "films": len(films),
        "found": sum(row["state"] != UNMATCHED for row in films),
    }


KINDS = {
    "diary": "Diary entries",
    "review": "Reviews",
    "rating": "Ratings",
    "like": "Likes",
    "watched": "Films seen",
    "watchlist": "Watchlist",
    LIST: "Lists",
    LIST_FILM: "Films on lists",
}
OUTCOMES = {
    applying.ADDED: "imported",
    applying.ALREADY: "already here",
    applying.LEFT_OUT: "left out",
    applying.WANTED: "not in the catalogue",
}


def summary(job):
    """What the import did, per kind of row, in the order they are applied:
    [(label, {outcome: count})]."""
    kinds = {}
    for key, count in job.counts.items():
        kind, _, outcome = key.partition(":")
        kinds.setdefault(kind, {})[OUTCOMES.get(outcome, outcome)] = count
    return {"outcomes": [(label, kinds[kind]) for kind, label in KINDS.items() if kind in kinds]}


@member_post("letterboxd-import")
def job_confirm(request, handle, pk):
    job = own_job(request, handle, pk)
    if job.status != ImportJob.Status.PREVIEW:
        return redirect(job)
    choices = {}
    ambiguous = preview_keys(job)
    for number, key in enumerate(ambiguous):
        choice = request.POST.get(f"choice-{number}", "")
        choices[key] = int(choice) if choice.isdigit() else 0
    with transaction.atomic():
        job.choices = choices
        job.status = ImportJob.Status.QUEUED
        job.save(update_fields=["choices", "status"])
        if job.total > AT_ONCE_ROWS:
            transaction.on_commit(lambda: tasks.import_letterboxd.enqueue(job.pk))
    if job.total <= AT_ONCE_ROWS:
        applying.run(job.pk)
        messages.success(request, "Your Letterboxd history is imported.")
    return redirect(job)


def preview_keys(job):
    """The ambiguous films' keys, in the preview's order (its choice-N fields)."""
    return list(dict.fromkeys(row_key(row) for row in job.rows if row.get("state") == AMBIGUOUS))


@login_required
def export_page(request, handle):
    own(request, handle)
    return render(request, "members/letterboxd/export.html", {"member": request.user})


@login_required
def export_zip(request, handle):
    own(request, handle)
    if not (hit := allow(request, "data-export")):
        return too_many(request, hit)
    data = exporting.export_zip(request.user, request.build_absolute_uri("/")[:-1])
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="filmclub-{request.user.username}-{stamp}.zip"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
