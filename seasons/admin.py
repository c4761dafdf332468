"""Staff run a season here: open it, shortlist, open voting, close and count, schedule the winners.

Ballots have no admin page: staff see how many members voted, never who ranked what.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin_widgets import AutocompleteAdmin
from reviews.models import Review
from reviews.querysets import public_q
from screenings.models import ProgrammeItem, Screening
from screenings.querysets import ends_at_sql
from seasons.audience import CheckIn, Going
from seasons.models import Season, Suggestion
from seasons.scheduling import schedule_winners


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def where_to_shortlist(refusal, season):
    """`refusal` (voting cannot open yet) with where staff shortlist: the season's suggestions."""
    url = reverse("admin:seasons_suggestion_changelist") + f"?season__id__exact={season.pk}"
    return format_html(
        '{} Select them on <a href="{}">the season’s suggestions</a> and take the action '
        "“Shortlist”.",
        refusal,
        url,
    )


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "starts_on", "ends_on", "slots", "suggested", "voted"]
    list_filter = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["venues"]
    readonly_fields = ["status", "voted"]
    fields = [
        "name",
        "slug",
        "description",
        "starts_on",
        "ends_on",
        "venues",
        "slots",
        "status",
        "voted",
    ]
    actions = ["open_suggestions", "open_voting", "close_voting", "schedule_the_winners"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                suggestion_count=Count("suggestions", distinct=True),
                voter_count=Count("voters", distinct=True),
            )
        )

    @admin.display(description="suggestions", ordering="suggestion_count")
    def suggested(self, obj):
        count = getattr(obj, "suggestion_count", None)
        return obj.suggestions.count() if count is None and obj.pk else count or 0

    @admin.display(description="members who voted")
    def voted(self, obj):
        count = getattr(obj, "voter_count", None)
        return obj.voters.count() if count is None and obj.pk else count or 0

    def _move(self, request, queryset, status, done):
        moved = []
        for season in queryset.order_by("starts_on"):
            try:
                season.move_to(status)
            except ValidationError as error:
                refusal = f"{season}: {' '.join(error.messages)}"
                if getattr(error, "code", None) == "shortlist":
                    refusal = where_to_shortlist(refusal, season)
                self.message_user(request, refusal, messages.ERROR)
            else:
                moved.append(season.name)
        if moved:
            self.message_user(request, f"{done}: {', '.join(moved)}.", messages.SUCCESS)

    @admin.action(description="Open for suggestions", permissions=["change"])
    def open_suggestions(self, request, queryset):
        self._move(request, queryset, Season.Status.SUGGESTING, "Open for suggestions")

    @admin.action(description="Close suggestions and open voting", permissions=["change"])
    def open_voting(self, request, queryset):
        self._move(request, queryset, Season.Status.VOTING, "Open for voting")

    @admin.action(description="Close voting and count the ballots", permissions=["change"])
    def close_voting(self, request, queryset):
        self._move(request, queryset, Season.Status.CLOSED, "Closed and counted")

    @admin.action(description="Schedule the winners", permissions=["change"])
    def schedule_the_winners(self, request, queryset):
        if not request.user.has_perm("screenings.add_screening"):
            self.message_user(request, "You may not add screenings.", messages.ERROR)
            return
        for season in queryset:
            try:
                screenings = schedule_winners(season, author=request.user)
            except ValidationError as error:
                self.message_user(request, f"{season}: {' '.join(error.messages)}", messages.ERROR)
                continue
            listed = "; ".join(str(screening) for screening in screenings) or "nothing left to do"
            self.message_user(
                request,
                f"{season}: {plural(len(screenings), 'screening')} scheduled ({listed}). Each has "
                "the winning pitch as a draft programme note: edit it in Reviews and publish it.",
                messages.SUCCESS,
            )


class ShortlistFilter(admin.SimpleListFilter):
    title = "shortlisted"
    parameter_name = "shortlisted"

    def lookups(self, request, model_admin):
        return [("yes", "Shortlisted"), ("no", "Not shortlisted")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_shortlisted=self.value() == "yes")
        return queryset


@admin.register(Suggestion)
class SuggestionAdmin(AutocompleteAdmin, admin.ModelAdmin):
    list_display = [
        "film_title",
        "season",
        "suggested_by",
        "seconds",
        "past_screenings",
        "club_average",
        "is_shortlisted",
        "won_place",
    ]
    list_filter = ["season", ShortlistFilter]
    list_select_related = ["film", "season", "suggested_by"]
    search_fields = ["film__title", "title", "pitch"]
    autocomplete_fields = ["film"]
    raw_id_fields = ["suggested_by"]
    readonly_fields = ["is_shortlisted", "won_place", "screening", "programme_note", "created_at"]
    actions = ["shortlist", "unshortlist", "add_to_catalogue"]

    def get_queryset(self, request):
        past = (
            ProgrammeItem.objects.alias(ended_at=ends_at_sql("screening__"))
            .filter(  # screenings that have been (querysets.has_ended) and were not called off
                film=OuterRef("film"),
                ended_at__lte=timezone.now(),
                screening__status__in=Screening.GOING_AHEAD,
            )
            .order_by()
            .values("film")
            .annotate(count=Count("pk"))
            .values("count")
        )
        average = (
            Review.objects.filter(public_q(), film=OuterRef("film"))
            .current_ratings()
            .order_by()
            .values("film")
            .annotate(average=Avg("rating"))
            .values("average")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                second_count=Count("seconds", distinct=True),
                past_count=Coalesce(Subquery(past), 0),
                rating_average=Subquery(average),
            )
        )

    @admin.display(description="seconds", ordering="second_count")
    def seconds(self, obj):
        return obj.second_count

    @admin.display(description="past screenings", ordering="past_count")
    def past_screenings(self, obj):
        return obj.past_count

    @admin.display(description="club's average", ordering="rating_average")
    def club_average(self, obj):
        if obj.rating_average is None:
            return "—"
        return f"{obj.rating_average / 2:.1f} ★"

    def _shortlist(self, request, queryset, value):
        changed = 0
        for suggestion in queryset.select_related("season"):
            if suggestion.season.status not in (Season.Status.DRAFT, Season.Status.SUGGESTING):
                self.message_user(
                    request,
                    f"{suggestion}: {suggestion.season} is "
                    f"{suggestion.season.get_status_display().lower()}; its shortlist is fixed.",
                    messages.ERROR,
                )
                continue
            if suggestion.is_shortlisted != value:
                suggestion.is_shortlisted = value
                suggestion.save(update_fields=["is_shortlisted"])
                changed += 1
        verb = "shortlisted" if value else "taken off the shortlist"
        self.message_user(request, f"{plural(changed, 'suggestion')} {verb}.", messages.SUCCESS)

    @admin.action(description="Shortlist", permissions=["change"])
    def shortlist(self, request, queryset):
        self._shortlist(request, queryset, True)

    @admin.action(description="Take off the shortlist", permissions=["change"])
    def unshortlist(self, request, queryset):
        self._shortlist(request, queryset, False)

    @admin.action(description="Add to the catalogue (from the title and year)")
    def add_to_catalogue(self, request, queryset):
        if not request.user.has_perm("films.add_film"):
            self.message_user(request, "You may not add films.", messages.ERROR)
            return
        added = []
        for suggestion in queryset.filter(film__isnull=True).select_related("season"):
            try:
                added.append(str(suggestion.add_to_catalogue()))
            except ValidationError as error:
                self.message_user(
                    request, f"{suggestion}: {' '.join(error.messages)}", messages.ERROR
                )
        if added:
            self.message_user(
                request,
                f"Added to the catalogue: {', '.join(added)}. Fill in their details in Films.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Nothing to add: those films are in the catalogue.")


@admin.register(CheckIn)
class CheckInAdmin(AutocompleteAdmin, admin.ModelAdmin):
    """Staff check members in by hand too (a phone without battery)."""

    list_display = ["screening", "user", "checked_in_at"]
    list_select_related = ["screening__venue", "user"]
    autocomplete_fields = ["screening"]
    raw_id_fields = ["user"]
    search_fields = ["user__username", "user__display_name"]


@admin.register(Going)
class GoingAdmin(admin.ModelAdmin):
    """Who said they are going, with who has checked in; staff check people in from here."""

    list_display = ["user", "screening", "checked_in"]
    list_select_related = ["user", "screening__venue"]
    date_hierarchy = "screening__date"
    search_fields = ["user__username", "user__display_name", "screening__slug"]
    actions = ["check_in_selected"]

    def get_queryset(self, request):
        checked_in = CheckIn.objects.filter(screening=OuterRef("screening"), user=OuterRef("user"))
        return super().get_queryset(request).annotate(is_checked_in=Exists(checked_in))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="checked in", boolean=True, ordering="is_checked_in")
    def checked_in(self, obj):
        return obj.is_checked_in

    @admin.action(description="Check in the selected members", permissions=["check_in"])
    def check_in_selected(self, request, queryset):
        made = [
            CheckIn.objects.get_or_create(screening_id=going.screening_id, user_id=going.user_id)[1]
            for going in queryset
        ]
        self.message_user(request, f"{plural(sum(made), 'member')} checked in.", messages.SUCCESS)

    def has_check_in_permission(self, request):
        return request.user.has_perm("seasons.add_checkin")
