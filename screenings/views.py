from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from core.fragments import fragment_response, wants_fragment
from core.links import site_url
from core.pagecache import cached, depends_on
from core.ratelimit import allow, limited, member_post, too_many
from screenings.attendance import RSVP, WaitlistEntry
from screenings.feeds import calendar_for, google_calendar_url
from screenings.jsonld import (
    schema_org_event,
    share_description,
    share_title,
    venue_description,
)
from screenings.listing import ScreeningPages
from screenings.models import Screening, Venue
from screenings.not_going import MAX_AGE, Refused, read_token
from screenings.querysets import has_ended
from screenings.rsvps import (
    join_waitlist,
    leave_waitlist,
    refusal_message,
    take_rsvp,
    withdraw_rsvp,
)


class UpcomingScreeningListView(ListView):
    model = Screening  # the list itself is read by its paginator (get_paginator)
    template_name = "screenings/screening_list.html"
    context_object_name = "screenings"
    paginate_by = 20
    archive = False
    rule = "upcoming"  # the list (screenings.listing.RULES)
    extra_context = {
        "share_description": "The club’s upcoming outdoor screenings, soonest first: which film, "
        "at which venue, on which night. Every screening is free."
    }

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """The list `rule`'s pages, each screening as for_list() gives it, by SQL compiled once
        (screenings.listing): the view's queryset is not read."""
        return ScreeningPages(
            self.rule, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Grouped only when shown: never when the list's kept shared part is served.
        context["months"] = Months(context["screenings"])
        context["archive"] = self.archive
        return context


class PastScreeningListView(UpcomingScreeningListView):
    archive = True
    rule = "past"
    extra_context = {
        "share_description": "Every screening the club has held, newest first: which film, "
        "at which venue, on which night."
    }


class ScreeningDetailView(DetailView):
    template_name = "screenings/screening_detail.html"
    context_object_name = "screening"

    def get_queryset(self):
        return Screening.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        screening = self.object
        context.update(going_context(self.request, screening))
        context["share_title"] = share_title(screening)
        context["share_description"] = share_description(screening)
        context["structured_data"] = schema_org_event(screening, site_url)
        note = screening.programme_note
        # A note staff later hid, its author took back to draft or emptied of its text (a bare
        # log), is nobody's to read here: no heading, no "Read the essay".
        context["programme_note"] = note if note and note.is_public_review else None
        return context


class VenueListView(ListView):
    """Every venue, with what is on at each."""

    template_name = "screenings/venue_list.html"
    context_object_name = "venues"
    paginate_by = 20
    extra_context = {
        "share_description": "Where the club's free screenings take place, and what is on at each."
    }

    def get_queryset(self):
        return Venue.objects.for_index()


class VenueDetailView(DetailView):
    template_name = "screenings/venue_detail.html"
    context_object_name = "venue"
    queryset = Venue.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = self.object.screenings.upcoming().for_list()
        context["past"] = self.object.screenings.past().for_list()[:50]
        context["share_description"] = venue_description(self.object)
        return context


def screening_calendar(request, slug):
    """One screening as an .ics file to import into a calendar."""
    screening = get_object_or_404(Screening.objects.for_detail(), slug=slug)
    depends_on(f"screening:{screening.pk}", "screenings", "catalogue")
    calendar = calendar_for([screening], site_url, name=screening.title)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{screening.slug}.ics"'
    return response


def calendar_feed(request):
    """The subscribable feed: upcoming screenings and those of the recent past. It is the same
    for every visitor, so it is built once per change to what it shows (the programme and the
    films' facts: a comment or an RSVP leaves it as it is)."""

    def build():
        return calendar_for(Screening.objects.for_feed(), site_url).to_ical()

    # Its links are absolute, on the site's one origin (kept per origin, should that change).
    body = cached(f"calendar:{site_url()}", build, tags=["screenings", "catalogue"])
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def place_action(view):
    """A member's POST about their own place at a screening (going, the waitlist): signed in,
    rate limited as RSVPs, and given the screening of the URL's slug."""

    @member_post("rsvp")
    @wraps(view)
    def action(request, slug):
        return view(request, get_object_or_404(Screening, slug=slug))

    return action


@place_action
def rsvp(request, screening):
    try:
        take_rsvp(screening=screening, user=request.user)
    except ValidationError as error:
        return rsvp_answer(request, screening, refusal_message(error, screening), messages.ERROR)
    return rsvp_answer(request, screening, "You are going. See you there!")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@limited("rsvp")
def cancel_rsvp(request, slug):
    """POST: the member is not going after all. GET (the reminder's link) asks first, so a
    mail scanner following links withdraws nobody."""
    screening = get_object_or_404(Screening.objects.select_related("venue"), slug=slug)
    if request.method != "POST":
        is_going = screening.rsvps.filter(user=request.user).exists()
        response = render(
            request, "screenings/not_going.html", {"screening": screening, "is_going": is_going}
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    if withdraw_rsvp(screening=screening, user=request.user):
        return rsvp_answer(request, screening, "You are no longer going.")
    # The button was shown to her as going (was_going): she withdrew already, in another tab.
    already = "You are no longer down as going." if request.POST.get("was_going") else None
    return rsvp_answer(
        request, screening, already or "You had not said you were going.", messages.INFO
    )


@require_http_methods(["GET", "HEAD", "POST"])
def not_going_link(request, token):
    """The mails' link for a member who cannot come (screenings.not_going): no sign-in, the
    signed token names the member and the screening. GET asks; POST gives the place back, once
    (again: "already"), rate limited as the screening page's own button."""
    if request.method == "POST" and not (hit := allow(request, "rsvp")):
        return too_many(request, hit)
    try:
        user_id, screening_id = read_token(token)
    except Refused as refusal:
        context = {"refused": "expired" if refusal.expired else "forged", "days": MAX_AGE.days}
        return private(render(request, "screenings/not_going_link.html", context, status=400))
    screening = Screening.objects.select_related("venue").filter(pk=screening_id).first()
    member = get_user_model().objects.filter(pk=user_id).first()
    if screening is None or member is None:
        context = {"refused": "gone"}
        return private(render(request, "screenings/not_going_link.html", context, status=404))
    if has_ended(screening):
        state = "past"
    elif screening.is_called_off:
        state = "called_off"  # nothing to give back: the page says why, with staff's reason
    elif request.method == "POST":
        state = "done" if withdraw_rsvp(screening=screening, user=member) else "already"
    else:
        state = "going" if screening.rsvps.filter(user=member).exists() else "already"
    context = {"screening": screening, "member": member, "state": state, "token": token}
    return private(render(request, "screenings/not_going_link.html", context))


def private(response):
    """Kept by no cache: the page is one member's."""
    patch_cache_control(response, private=True, no_store=True)
    return response


@place_action
def join_screening_waitlist(request, screening):
    try:
        result = join_waitlist(screening=screening, user=request.user)
    except ValidationError as error:
        return rsvp_answer(request, screening, refusal_message(error, screening), messages.ERROR)
    if isinstance(result, RSVP):
        return rsvp_answer(request, screening, "A place was free after all: you are going.")
    return rsvp_answer(
        request, screening, "You are on the waitlist. If a place frees up, it is yours."
    )


@place_action
def leave_screening_waitlist(request, screening):
    if leave_waitlist(screening=screening, user=request.user):
        return rsvp_answer(request, screening, "You have left the waitlist.")
    return rsvp_answer(request, screening, "You were not on the waitlist.", messages.INFO)


def going_context(request, screening):
    """What the "Going" section needs of the visitor: going, or their place on the waitlist."""
    user = request.user
    signed_in = user.is_authenticated and not has_ended(screening)
    return {
        "is_going": signed_in and screening.rsvps.filter(user=user).exists(),
        "waitlist_position": signed_in
        and screening.takes_rsvps
        and WaitlistEntry.objects.position(screening, user),
        "google_calendar_url": google_calendar_url(
            screening, site_url(screening.get_absolute_url())
        ),
    }


def rsvp_answer(request, screening, message, level=messages.SUCCESS):
    """The screening's page again (a redirect), or for the script its "Going" section."""
    if wants_fragment(request):
        screening = Screening.objects.for_detail().get(pk=screening.pk)
        context = {"screening": screening, **going_context(request, screening)}
        return fragment_response(
            request,
            "screenings/includes/going.html",
            context,
            message=message,
            level=messages.DEFAULT_TAGS[level],
        )
    messages.add_message(request, level, message)
    return redirect(screening)


class Months:
    """The screenings grouped by month (group_by_month), when first iterated."""

    def __init__(self, screenings):
        self.screenings = screenings

    def __iter__(self):
        return iter(group_by_month(self.screenings))


def group_by_month(screenings):
    """[(first day of the month, [screenings])], months as the venues' calendars have them."""
    groups = {}
    for screening in screenings:
        local = screening.local_starts_at
        groups.setdefault(local.date().replace(day=1), []).append(screening)
    return list(groups.items())
