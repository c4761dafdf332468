from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from screenings.feeds import calendar_for
from screenings.models import Screening, Venue, take_rsvp, withdraw_rsvp


class UpcomingScreeningListView(ListView):
    template_name = "screenings/screening_list.html"
    context_object_name = "screenings"
    paginate_by = 50
    archive = False

    def get_queryset(self):
        return Screening.objects.upcoming().for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = group_by_month(context["screenings"])
        context["archive"] = self.archive
        return context


class PastScreeningListView(UpcomingScreeningListView):
    paginate_by = 20
    archive = True

    def get_queryset(self):
        return Screening.objects.past().for_list()


class ScreeningDetailView(DetailView):
    template_name = "screenings/screening_detail.html"
    context_object_name = "screening"

    def get_queryset(self):
        return Screening.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        screening = self.object
        user = self.request.user
        context["is_going"] = user.is_authenticated and screening.rsvps.filter(user=user).exists()
        context["page_url"] = self.request.build_absolute_uri(screening.get_absolute_url())
        context["structured_data"] = screening.structured_data(self.request.build_absolute_uri)
        note = screening.programme_note
        # A note staff later hid, or its author took back to draft, is nobody's to read here.
        context["programme_note"] = note if note and note.is_public else None
        return context


class VenueDetailView(DetailView):
    template_name = "screenings/venue_detail.html"
    context_object_name = "venue"
    queryset = Venue.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = self.object.screenings.upcoming().for_list()
        context["past"] = self.object.screenings.past().for_list()[:50]
        return context


def screening_calendar(request, slug):
    """One screening as an .ics file to import into a calendar."""
    screening = get_object_or_404(Screening.objects.for_detail(), slug=slug)
    calendar = calendar_for([screening], request.build_absolute_uri, name=screening.title)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{screening.slug}.ics"'
    return response


def calendar_feed(request):
    """The subscribable feed: upcoming screenings and those of the recent past."""
    calendar = calendar_for(Screening.objects.for_feed(), request.build_absolute_uri)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def rsvp(request, slug):
    screening = get_object_or_404(Screening, slug=slug)
    try:
        take_rsvp(screening=screening, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You are going. See you there!")
    return redirect(screening)


@login_required
@require_POST
def cancel_rsvp(request, slug):
    screening = get_object_or_404(Screening, slug=slug)
    if withdraw_rsvp(screening=screening, user=request.user):
        messages.success(request, "You are no longer going.")
    return redirect(screening)


def group_by_month(screenings):
    """[(first day of the month, [screenings])], months as the venues' calendars have them."""
    groups = {}
    for screening in screenings:
        local = screening.local_starts_at
        groups.setdefault(local.date().replace(day=1), []).append(screening)
    return list(groups.items())
