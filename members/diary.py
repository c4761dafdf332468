"""A member's diary (the films they logged, by month, theirs editable in place), the film
page's status box for a signed-in member, and the watchlist toggle."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import ListView

from core.pagecache import depends_on
from core.ratelimit import member_post, refuse
from films.models import Film
from members.models import WatchlistEntry
from reviews.forms import DiaryEntryForm
from reviews.models import Review

# Logs on one page of a diary: a busy month of a busy member.
DIARY_PAGE_SIZE = 50


def diary_member(request, handle):
    """The member whose diary it is: an active member who may be seen (public), or oneself."""
    members = get_user_model().members.filter(is_active=True)
    if request.user.is_authenticated:
        members = members.public() | members.filter(pk=request.user.pk)
    else:
        members = members.public()
    return get_object_or_404(members, username=handle)


class DiaryView(ListView):
    """The films a member logged with a date, latest first, by month. Anyone may read a
    member's public logs; the member sees their own drafts too and edits each line in place."""

    template_name = "members/diary.html"
    context_object_name = "logs"
    paginate_by = DIARY_PAGE_SIZE

    def get_queryset(self):
        self.member = diary_member(self.request, self.kwargs["handle"])
        # Kept for visitors until the member, any log or the catalogue (a film's title) changes.
        depends_on(f"user:{self.member.pk}", "reviews", "catalogue")
        return Review.objects.diary_of(self.member, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        context["is_own"] = self.member.pk == self.request.user.pk
        return context


@member_post("review-save")
def edit_diary_entry(request, handle, pk):
    """Save one line of the member's own diary (its date, rating, rewatch and like)."""
    log = get_object_or_404(Review.objects.visible_to(request.user), pk=pk)
    if log.author_id != request.user.pk or log.author.username != handle:
        raise PermissionDenied
    form = DiaryEntryForm(request.POST, instance=log)
    diary = reverse("members:diary", args=[request.user.username])
    if form.is_valid():
        form.save()
        messages.success(request, f"Your log of {log.film.title} is saved.")
    else:
        refuse(request)
        problems = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, f"Not saved: {problems}")
    return redirect(f"{diary}#log-{log.pk}")


@member_post("watchlist")
def toggle_watchlist(request, slug):
    """Add the film to the member's watchlist, or take it off if it is there; back to `next`."""
    film = get_object_or_404(Film, slug=slug)
    with transaction.atomic():
        removed, _ = WatchlistEntry.objects.filter(member=request.user, film=film).delete()
        if not removed:
            try:
                with transaction.atomic():
                    WatchlistEntry.objects.create(member=request.user, film=film)
            except IntegrityError:  # added meanwhile by a second click
                pass
    if removed:
        messages.success(request, f"{film.title} is off your watchlist.")
    else:
        messages.success(request, f"{film.title} is on your watchlist.")
    return redirect(safe_next(request, film.get_absolute_url()))


def safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
