import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from core.admin_actions import confirmation_page
from core.admin_inlines import SummarisedInline
from core.admin_widgets import AutocompleteAdmin
from films.formfields import PrintableCharField
from films.models import Film
from screenings import admin_notes
from screenings.admin_calendar import calendar_context
from screenings.attendance import RSVP, WaitlistEntry
from screenings.clock import local_clock
from screenings.models import ProgrammeItem, Screening, Series, Venue
from screenings.past_start import past_start_warning
from screenings.programme import check_programme
from screenings.querysets import coming_first, coming_start_sql
from screenings.raincall import make_call
from screenings.rsvps import give_free_places
from screenings.runtime import programme_runtime

# The cancel, postpone and duplicate actions ask on one page.
ACTION_FORM = "admin/screenings/screening/action_form.html"


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "neighbourhood", "city", "time_zone", "is_outdoor"]
    list_filter = ["is_outdoor", "city"]
    search_fields = ["name", "neighbourhood", "city"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_outdoor"]}),
        (
            "Where",
            {"fields": ["address", "neighbourhood", "city", "latitude", "longitude", "time_zone"]},
        ),
        (
            "For visitors",
            {
                "fields": [
                    "directions",
                    "transit",
                    "what_to_bring",
                    "house_rules",
                    "accessibility",
                ]
            },
        ),
        (
            "Dusk, weather and reminders",
            {"fields": ["dusk_offset", "weather_policy", "rain_call_time", "reminder_time"]},
        ),
    ]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ProgrammeFormSet(BaseInlineFormSet):
    """The programme rules need the films being submitted, so they are checked here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.initial_extra:
            # A screening's blank rows come after its programme (3, 4, 5 after two films), not
            # each the field's default 1. Its rows are the formset's own query, no other.
            last = max((item.order for item in self.get_queryset()), default=0)
            self.initial_extra = [{"order": last + number} for number in range(1, self.extra + 1)]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        films = [
            form.cleaned_data["film"]
            for form in sorted(self.forms, key=lambda form: form.cleaned_data.get("order") or 0)
            if form.cleaned_data.get("film") and not form.cleaned_data.get("DELETE")
        ]
        screening = self.instance
        if not films:
            raise ValidationError(
                "A programme needs a feature: add the feature film (any short plays before it)."
            )
        if not (screening.venue_id and screening.date):
            return  # the screening's own fields are in error; those messages come first
        try:
            screening.compute_times()
        except ValueError:
            return  # no sunset that day: the form says so
        if screening.starts_at is None:
            return
        check_programme(screening, films)


class ProgrammeItemForm(forms.ModelForm):
    def has_changed(self):
        # A new row is saved when it names a film, even one the form came with (the feature of
        # "Schedule a screening of this film"), and skipped when it names none, whatever its order.
        if self.instance.pk is None:
            return bool(self["film"].value())
        return super().has_changed()


class ProgrammeItemInline(SummarisedInline, AutocompleteAdmin, admin.TabularInline):
    model = ProgrammeItem
    form = ProgrammeItemForm
    formset = ProgrammeFormSet
    extra = 3
    autocomplete_fields = ["film"]
    fields = ["order", "film"]

    def initial_rows(self, feature):
        """The new programme's rows, in order of play 1, 2, 3; `feature` (a Film or None) goes
        first if it is a short, after the row for a short otherwise."""
        rows = [{"order": number} for number in range(1, self.extra + 1)]
        if feature is not None:
            rows[0 if feature.kind == Film.Kind.SHORT else 1]["film"] = feature.pk
        return rows


class MemberRowsInline(admin.TabularInline):
    """Members going or waiting: rows staff may delete (a place then frees up), never add."""

    extra = 0
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
    can_delete = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False


class RSVPInline(SummarisedInline, MemberRowsInline):
    model = RSVP


class WaitlistInline(MemberRowsInline):
    model = WaitlistEntry


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past"), ("called-off", "Called off")]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        if self.value() == "called-off":
            return queryset.called_off()
        return queryset


def feature_asked_for(request):
    """The film named by ?feature= (a film's "Schedule a screening"), or None for no such film."""
    try:
        return forms.ModelChoiceField(Film.objects.all()).clean(request.GET.get("feature"))
    except ValidationError:
        return None


def last_used_venue():
    """The venue of the screening staff scheduled last, or None before the first."""
    latest = Screening.objects.select_related("venue").order_by("-created_at", "-pk").first()
    return latest.venue if latest else None


def next_free_evening(venue, today=None):
    """The first day after `today` (the venue's today) with nothing going ahead at `venue`."""
    today = today or timezone.localdate(timezone=venue.tz)
    taken = set(
        venue.screenings.going_ahead().filter(date__gt=today).values_list("date", flat=True)
    )
    day = today + datetime.timedelta(days=1)
    while day in taken:
        day += datetime.timedelta(days=1)
    return day


def dusk_note(venue, date):
    """What the add form says of the evening it proposes: when a film at dusk starts there."""
    try:
        moment = venue.dusk(date)
    except ValueError:
        return f"It does not get dark at {venue} on {date:%A %Y-%m-%d}: give a start time."
    return (
        f"Dusk at {venue} on {date:%A %Y-%m-%d}: about {local_clock(moment)} "
        f"({venue.time_zone}), when the film starts if this is ticked."
    )


def at_venue(moment, venue, *, day="%A %Y-%m-%d", about=""):
    """`moment` as the venue's calendar and clock read it: "Friday 2026-06-05, 8:30 pm" (`about`
    comes before the time)."""
    local = moment.astimezone(venue.tz)
    return f"{local:{day}}, {about}{local_clock(local)}"


def proposed_evening(initial):
    """(venue, date) the add form starts with, or None when either is missing or not valid (a
    query string can name anything)."""
    try:
        venue = forms.ModelChoiceField(Venue.objects.all()).clean(initial.get("venue"))
        date = forms.DateField().clean(initial.get("date"))
    except ValidationError:
        return None
    return venue, date


class ReasonForm(forms.Form):
    reason = PrintableCharField(
        max_length=300,
        help_text="Shown to visitors on the screening's page, in the feed and in calendars.",
    )


class RainCallForm(forms.Form):
    call = forms.ChoiceField(
        label="The call",
        choices=Screening.RainCall.choices,
        widget=forms.RadioSelect,
        help_text="Everyone going is mailed the decision; the page, the home page and the "
        "calendars show it at once.",
    )
    reason = PrintableCharField(
        max_length=300,
        required=False,
        help_text="For a move or a cancellation, shown to visitors. Empty: “because of the "
        "weather”.",
    )


class DuplicateForm(forms.Form):
    date = forms.DateField(
        label="New date",
        help_text="The copy keeps the venue, the times (or “at dusk”), the programme and the "
        "note; it starts as scheduled, with no RSVPs.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ScreeningForm(forms.ModelForm):
    # The add form ticks “film at dusk” at an outdoor venue: staff who type a start time are told
    # what to do, rather than the model's “one of the two” (kept for the rest).
    DUSK_AND_TIME = "Untick “film at dusk” to give a start time, or clear the time."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if note := self.fields.get("programme_note"):  # the note already chosen stays a choice
            note.queryset = admin_notes.note_choices(Screening, self.instance.programme_note_id)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("starts_at_dusk") and cleaned_data.get("start_time"):
            self.add_error("start_time", self.DUSK_AND_TIME)
        return cleaned_data


class ComingFirstChangeList(ChangeList):
    """Screenings in their own order (ScreeningAdmin.get_ordering), which marks no column
    sorted: the model's order guessed from Meta marked "starts" ascending, and a click sorted
    it descending."""

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:  # a column clicked, the screenings' order after it
            return super().get_ordering(request, queryset)
        # The queryset's own (ScreeningQuerySet.coming_first), not get_ordering's copy of it.
        return self._get_deterministic_ordering(queryset.query.order_by)

    def get_ordering_field_columns(self):
        return super().get_ordering_field_columns() if ORDER_VAR in self.params else {}


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    form = ScreeningForm
    list_display = [
        "date",
        "local_start",
        "programme",
        "venue",
        "status_badge",
        "going",
        "waiting",
    ]
    list_display_links = ["date", "local_start"]
    list_filter = [WhenFilter, "venue", "status"]
    date_hierarchy = "date"
    search_fields = [
        "items__film__title",
        "items__film__original_title",
        "items__film__original_title_romanised",
    ]
    inlines = [ProgrammeItemInline, RSVPInline, WaitlistInline]
    actions = ["make_the_call", "cancel_selected", "postpone_selected", "duplicate_selected"]
    readonly_fields = ["starts", "previous_start", "sequence", "weather_call"]
    fieldsets = [
        (None, {"fields": ["venue", "series", "slug"]}),
        (
            "When (venue time)",
            {
                "fields": ["date", "doors_time", "start_time", "starts_at_dusk", "starts"],
                "description": "Enter times as the clock at the venue shows them, whatever "
                "time zone you are in.",
            },
        ),
        ("Status", {"fields": ["status", "status_reason", "previous_start", "sequence"]}),
        ("More", {"fields": ["programme_note", "capacity"]}),
        (
            "Weather",
            {"fields": ["weather_policy", "rain_call_time", "rain_date", "weather_call"]},
        ),
    ]

    def get_queryset(self, request):
        # The change list's order unless a column is clicked, and the autocomplete's.
        return super().get_queryset(request).for_list().with_waitlist_count().coming_first()

    def get_ordering(self, request):
        """The screenings to come soonest first, then the past ones latest first (querysets.
        coming_first), in other forms' choices of a screening (a check-in's); get_queryset
        orders the same way by its selected `coming_start`. The model's own order, oldest
        first, put the first season on top, and latest first the season's far end."""
        return coming_first(coming_start_sql(timezone.now()))

    def get_changelist(self, request, **kwargs):
        return ComingFirstChangeList

    def get_urls(self):
        calendar = path(
            "calendar/",
            self.admin_site.admin_view(self.calendar_view),
            name="screenings_screening_calendar",
        )
        notes = path(
            "programme-notes/",
            self.admin_site.admin_view(self.programme_notes_view),
            name="screenings_screening_programme_notes",
        )
        return [calendar, notes, *super().get_urls()]

    def programme_notes_view(self, request):
        return admin_notes.programme_notes_view(self, request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme_note":
            kwargs.update(
                admin_notes.formfield_kwargs(
                    self.model, self.admin_site, request, kwargs.get("using")
                )
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def calendar_view(self, request):
        """The season as a month grid (screenings.admin_calendar), for staff who may view
        screenings."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **calendar_context(request),
            "opts": self.opts,
            "has_add_permission": self.has_add_permission(request),
        }
        context["title"] = f"Screenings in {context['month']:%B %Y}"
        return TemplateResponse(request, "admin/screenings/screening/calendar.html", context)

    def get_changeform_initial_data(self, request):
        """A new screening: at the venue last used, on its next free evening, at dusk there if it
        is outdoors (the query string, as from a film's "Schedule a screening", comes first)."""
        initial = super().get_changeform_initial_data(request)
        if "venue" not in initial and (venue := last_used_venue()):
            initial["venue"] = venue.pk
            initial.setdefault("date", next_free_evening(venue))
            initial.setdefault("starts_at_dusk", venue.is_outdoor)
        return initial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if add and not form.is_bound and (evening := proposed_evening(form.initial)):
            # The evening proposed, with its dusk: staff see the time before they save.
            field = form.fields["starts_at_dusk"]
            field.help_text = f"{dusk_note(*evening)} {field.help_text}"
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ProgrammeItemInline) and obj.pk is None:
            kwargs["initial"] = inline.initial_rows(feature_asked_for(request))
        return kwargs

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status-badge status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="starts (venue time)", ordering="starts_at")
    def local_start(self, obj):
        when = local_clock(obj.local_starts_at)
        return f"at dusk, about {when}" if obj.starts_at_dusk else when

    @admin.display(description="starts")
    def starts(self, obj):
        if not obj.pk:
            return "Computed when saved."
        at_dusk = "at dusk (when dark), about " if obj.starts_at_dusk else ""
        when = at_venue(obj.starts_at, obj.venue, about=at_dusk)
        return f"{when} ({obj.venue.time_zone})"

    @admin.display(description="weather call")
    def weather_call(self, obj):
        if not obj.rain_call:
            return "Not made."
        made = at_venue(obj.rain_called_at, obj.venue, day="%Y-%m-%d")
        return f"{obj.get_rain_call_display()} (made {made})"

    @admin.display(description="previous start")
    def previous_start(self, obj):
        return at_venue(obj.previous_starts_at, obj.venue) if obj.previous_starts_at else "—"

    @admin.display(description="programme")
    def programme(self, obj):
        return " → ".join(film.title for film in obj.programme())

    @admin.display(description="going", ordering="going_count")
    def going(self, obj):
        if obj.capacity is None:
            return obj.going_count
        return f"{obj.going_count} / {obj.capacity}"

    @admin.display(description="waitlist", ordering="waitlist_count")
    def waiting(self, obj):
        return obj.waitlist_count

    def save_model(self, request, obj, form, change):
        start_before = obj.as_read["starts_at"] if change else None
        super().save_model(request, obj, form, change)
        # Whether staff are told of a start in the past (save_related, once the programme that
        # says when it ends is saved).
        obj.start_saved = not change or obj.starts_at != start_before

    def save_related(self, request, form, formsets, change):
        screening = form.instance
        before = list(screening.items.order_by("order", "pk").values_list("film_id", flat=True))
        super().save_related(request, form, formsets, change)
        # Number the programme 1, 2, ... in the order of play (ties keep the rows' order).
        items = list(screening.items.order_by("order", "pk"))
        for number, item in enumerate(items, start=1):
            if item.order != number:
                item.order = number
                item.save(update_fields=["order"])
        if change and [item.film_id for item in items] != before:
            screening.bump_sequence(programme_before=before)
        if change:
            # A capacity raised or removed, an RSVP deleted: the first members waiting get the
            # places (and are told).
            give_free_places(screening)
        moved_or_new = getattr(screening, "start_saved", False)
        if moved_or_new and (warning := past_start_warning(screening, moved=change)):
            self.message_user(request, warning, messages.WARNING)

    @admin.action(
        description="Make the rain call (go ahead, rain date, cancel)", permissions=["change"]
    )
    def make_the_call(self, request, queryset):
        screenings = list(queryset.order_by("starts_at"))
        form = RainCallForm(request.POST if "call" in request.POST else None)
        if form.is_valid():
            call = form.cleaned_data["call"]
            done, refused = [], []
            for screening in screenings:
                try:
                    done.append(make_call(screening, call=call, reason=form.cleaned_data["reason"]))
                except ValidationError as error:
                    refused.extend(error.messages)
            label = Screening.RainCall(call).label
            if done:
                self.message_user(
                    request,
                    f"{label}: " + "; ".join(str(screening) for screening in done),
                    messages.SUCCESS,
                )
            for message in refused:
                self.message_user(request, message, messages.ERROR)
            return None
        return confirmation_page(
            self,
            request,
            ACTION_FORM,
            title="Make the rain call",
            form=form,
            screenings=screenings,
            action="make_the_call",
            verb="Make the call",
        )

    @admin.action(description="Cancel selected screenings (with a reason)", permissions=["change"])
    def cancel_selected(self, request, queryset):
        return self._change_status(
            request, queryset, Screening.Status.CANCELLED, "cancel_selected", "Cancel"
        )

    @admin.action(
        description="Postpone selected screenings (with a reason)", permissions=["change"]
    )
    def postpone_selected(self, request, queryset):
        return self._change_status(
            request, queryset, Screening.Status.POSTPONED, "postpone_selected", "Postpone"
        )

    def _change_status(self, request, queryset, status, action, verb):
        screenings = list(queryset.order_by("starts_at"))
        form = ReasonForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            with transaction.atomic():
                for screening in screenings:
                    screening.status = status
                    screening.status_reason = form.cleaned_data["reason"]
                    screening.save()
            label = Screening.Status(status).label.lower()
            self.message_user(
                request,
                f"{len(screenings)} screening{'s' if len(screenings) != 1 else ''} {label}: "
                + "; ".join(str(screening) for screening in screenings),
                messages.SUCCESS,
            )
            return None
        return confirmation_page(
            self,
            request,
            ACTION_FORM,
            title=f"{verb} screenings",
            form=form,
            screenings=screenings,
            action=action,
            verb=verb,
        )

    @admin.action(description="Duplicate a screening to another date", permissions=["add"])
    def duplicate_selected(self, request, queryset):
        screenings = list(queryset)
        if len(screenings) != 1:
            self.message_user(request, "Select exactly one screening to duplicate.", messages.ERROR)
            return None
        original = screenings[0]
        form = DuplicateForm(request.POST if "date" in request.POST else None)
        if form.is_valid():
            try:
                copy = duplicate_screening(original, date=form.cleaned_data["date"])
            except ValidationError as error:
                form.add_error("date", error)
            else:
                self.message_user(
                    request, f"Duplicated to {copy.date:%Y-%m-%d}: {copy}.", messages.SUCCESS
                )
                if warning := past_start_warning(copy):
                    self.message_user(request, warning, messages.WARNING)
                return redirect("admin:screenings_screening_change", copy.pk)
        return confirmation_page(
            self,
            request,
            ACTION_FORM,
            title="Duplicate a screening",
            form=form,
            screenings=screenings,
            action="duplicate_selected",
            verb="Duplicate",
        )


@transaction.atomic
def duplicate_screening(original, *, date):
    """A scheduled copy of `original` on `date`: same venue, times, programme and note."""
    films = original.programme()
    copy = Screening(
        venue=original.venue,
        series=original.series,
        date=date,
        doors_time=original.doors_time,
        start_time=original.start_time,
        starts_at_dusk=original.starts_at_dusk,
        programme_note=original.programme_note,
        capacity=original.capacity,
    )
    copy.full_clean()
    check_programme(copy, films)
    copy.programme_minutes = programme_runtime(films)  # bulk_create below sends no signal
    copy.save()
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(screening=copy, film=film, order=number)
        for number, film in enumerate(films, start=1)
    )
    return copy
