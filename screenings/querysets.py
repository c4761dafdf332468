"""The screenings' and venues' querysets: which screenings are on, called off, upcoming or past,
and what a list, a page or the calendar feed fetches with them (screenings.models uses them as
its managers). The models they count and fetch with a screening (its RSVPs, waitlist and
programme items) are found by the screening's relations, since those models are defined with
it (screenings.models imports this module)."""

import datetime

from django.db import models
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from core.managers import related
from films.models import CrewCredit

# What a list of screenings, a screening card and the calendar show of each film in a programme.
PROGRAMME_FILM_FIELDS = ("title", "slug", "kind", "year", "runtime_minutes", "poster_card")

# No programme runs longer (ten features back to back): a screening that began longer ago than
# this has ended, whatever its programme, so what is on is found by the index on the start and
# the programme's runtime is summed only for the few that began within it.
LONGEST_PROGRAMME = datetime.timedelta(hours=24)

# The calendar feed carries every upcoming screening and the ones of this recent past.
FEED_RECENT = datetime.timedelta(days=90)


def has_ended(screening, now=None):
    """The one rule of a screening's end: it has ended once its programme has run, at its start
    plus the programme's runtime (Screening.ends_at; in SQL, ends_at_sql). From then on it is
    past: it takes no RSVP and no rain call, and is no longer what is on. Use a screening from
    for_list/for_detail (its end needs the programme, unless it began more than
    LONGEST_PROGRAMME ago)."""
    now = now or timezone.now()
    return screening.starts_at <= now - LONGEST_PROGRAMME or screening.ends_at <= now


def has_started(screening, now=None):
    """Whether its film has started (its start has come): from then on no rain call is made
    (raincall.make_call), and until it has ended it is on now (is_under_way)."""
    return screening.starts_at <= (now or timezone.now())


def is_under_way(screening, now=None):
    """Started and not ended (has_started, has_ended): the screening is on now."""
    now = now or timezone.now()
    return has_started(screening, now) and not has_ended(screening, now)


def ends_at_sql(screening=""):
    """Screening.ends_at in SQL: the start plus the programme's runtime, as each screening keeps
    it (programme_minutes, runtime.keep_programme_minutes). `screening`: the lookup to the
    screening from the query's model, with its "__" ("screening__" from a programme item)."""
    minutes = ExpressionWrapper(F(f"{screening}programme_minutes"), output_field=IntegerField())
    runtime = ExpressionWrapper(
        minutes * Value(datetime.timedelta(minutes=1), DurationField()),
        output_field=DurationField(),
    )
    return ExpressionWrapper(F(f"{screening}starts_at") + runtime, output_field=DateTimeField())


def not_ended_q(now):
    """has_ended's rule turned round, in SQL: still to come or under way at `now` (the start
    past for at most LONGEST_PROGRAMME, so that the programme's end is worked out only for the
    few that began within it)."""
    recent = Q(starts_at__gt=now - LONGEST_PROGRAMME)  # first, and on its own: the index's bound
    return recent & (Q(starts_at__gt=now) | GreaterThan(ends_at_sql(), Value(now)))


def coming_start_sql(now):
    """A screening's start while it is to come (not_ended_q: under way included), else NULL."""
    return Case(When(not_ended_q(now), then=F("starts_at")))


def coming_first(coming_start):
    """The order of staff's list of screenings: those to come by their start, soonest first,
    then the past ones by theirs, latest first. `coming_start`: coming_start_sql (for any
    queryset of screenings: the admin's other forms' choices of one), or F() of its annotation
    (ScreeningQuerySet.coming_first)."""
    return (coming_start.asc(nulls_last=True), F("starts_at").desc(), F("pk").desc())


def listed_items(model):
    """The programme items of `model`'s screenings (Screening) as a list of screenings shows
    them: in the programme's order, each with only what a row shows of its film
    (PROGRAMME_FILM_FIELDS)."""
    films = [f"film__{name}" for name in PROGRAMME_FILM_FIELDS]
    items = related(model, "items").objects.select_related("film")
    return items.only("screening", "order", *films).order_by("order", "pk")


def count_of(model, relation):
    """How many rows of the screening's `relation` there are, as a correlated subquery (0 for
    none)."""
    rows = (
        related(model, relation)
        .objects.filter(screening=OuterRef("pk"))
        .order_by()
        .values("screening")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows), 0)


class VenueQuerySet(models.QuerySet):
    def for_index(self, screenings=3):
        """By name, each with `upcoming_count` and `next_screenings`: its first `screenings`
        upcoming ones (ScreeningQuerySet.upcoming, as its page lists them), ready for a
        screening row (for_list), in three queries for a page of venues."""
        upcoming = related(self.model, "screenings").objects.upcoming()
        counts = (
            upcoming.filter(venue=OuterRef("pk"))
            .order_by()
            .values("venue")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            self.annotate(upcoming_count=Coalesce(Subquery(counts), 0))
            .prefetch_related(
                Prefetch(
                    "screenings",
                    queryset=upcoming.for_list()[:screenings],
                    to_attr="next_screenings",
                )
            )
            .order_by("name", "pk")
        )


class ScreeningQuerySet(models.QuerySet):
    def going_ahead(self):
        """Screenings that will take place as announced: not cancelled, not postponed."""
        return self.filter(status__in=self.model.GOING_AHEAD)

    def called_off(self):
        """Cancelled or postponed screenings."""
        return self.filter(status__in=self.model.CALLED_OFF)

    def upcoming(self, now=None):
        """What is on: screenings still to come or under way (not ended: has_ended), soonest
        first."""
        return self.filter(not_ended_q(now or timezone.now())).order_by("starts_at", "pk")

    def past(self, now=None):
        """The archive: the screenings that have ended (has_ended), newest first."""
        now = now or timezone.now()
        return (
            self.alias(programme_ends_at=ends_at_sql())
            .filter(
                Q(starts_at__lte=now - LONGEST_PROGRAMME)
                | Q(starts_at__lte=now, programme_ends_at__lte=now)
            )
            .order_by("-starts_at", "-pk")
        )

    def coming_first(self, now=None):
        """Every screening in coming_first's order, `coming_start` selected: PostgreSQL orders
        a SELECT DISTINCT (the admin's search through the programme's films) only by what it
        selects, and knows the expression again only by its name once its time is a bound
        parameter ($1 in the select list, $12 in ORDER BY)."""
        coming_start = coming_start_sql(now or timezone.now())
        return self.annotate(coming_start=coming_start).order_by(*coming_first(F("coming_start")))

    def for_feed(self, now=None):
        """The calendar feed: every upcoming screening and those of the recent past."""
        now = now or timezone.now()
        return self.filter(starts_at__gte=now - FEED_RECENT).for_list().order_by("starts_at", "pk")

    def featuring(self, film):
        """Screenings whose programme includes `film`, newest first."""
        return self.filter(items__film=film).order_by("-starts_at", "-pk")

    def with_going_count(self):
        """Annotate `going_count` with a correlated subquery: only the screenings fetched are
        counted, rather than a JOIN with GROUP BY over every RSVP before LIMIT."""
        return self.annotate(going_count=count_of(self.model, "rsvps"))

    def with_waitlist_count(self):
        """Annotate `waitlist_count` (members waiting for a place), as with_going_count does."""
        return self.annotate(waitlist_count=count_of(self.model, "waitlist"))

    def in_month(self, first_day):
        """The screenings of the month that begins on `first_day` (dates at their venues), in
        order of their starts, as a month's calendar shows them."""
        next_month = (first_day + datetime.timedelta(days=31)).replace(day=1)
        return self.filter(date__gte=first_day, date__lt=next_month).order_by("starts_at", "pk")

    def for_list(self):
        """Everything a screening row shows (venue, programme, going count), in two queries;
        of the programme's films only what rows, cards and calendars show (not their texts)."""
        # As a list on each screening (to_attr): a prefetched manager would cost a queryset
        # and a filter of its own for every screening.
        items = Prefetch("items", queryset=listed_items(self.model), to_attr="fetched_items")
        return self.for_list_rows().prefetch_related(items)

    def for_list_rows(self):
        """for_list's screenings without their programmes (screenings.listing fetches those
        itself): with the venue, the series and the going count, in one query."""
        return self.select_related("venue", "series").with_going_count()

    def for_detail(self):
        """Everything a screening's page, its calendar file and its JSON-LD need."""
        directors = CrewCredit.objects.filter(role=CrewCredit.Role.DIRECTOR).select_related(
            "person"
        )
        items = (
            related(self.model, "items")
            .objects.select_related("film")
            .prefetch_related(
                Prefetch("film__crew", queryset=directors, to_attr="director_credits")
            )
            .order_by("order", "pk")
        )
        return (
            self.select_related("venue", "series", "programme_note__author")
            .with_going_count()
            .prefetch_related(Prefetch("items", queryset=items))
        )
