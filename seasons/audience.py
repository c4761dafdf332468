"""The audience at a screening: checking in, and its A–E verdict, as film societies keep it.

A member checks in from doors (or an hour before the film, when no doors time is given) until two
hours after the film ends; from the film's end until a week later, a member who checked in gives
the film a grade, A (excellent) to E (poor), and may change it until then. The audience score is
the societies' own: A=100, B=75, C=50, D=25, E=0, averaged, shown with the number of votes.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Avg, Case, Count, F, IntegerField, Value, When
from django.utils import timezone

from core.baked import baked
from films.validators import RefusesControlCharacters
from reviews.models import Review
from screenings.attendance import RSVP
from screenings.models import Screening

# Check-in opens at doors, or this long before the film when no doors time is given ...
CHECK_IN_BEFORE = datetime.timedelta(hours=1)
# ... and closes this long after the film ends.
CHECK_IN_AFTER = datetime.timedelta(hours=2)
# Grades are taken from the film's end for this long.
VERDICT_FOR = datetime.timedelta(days=7)


def check_in_window(screening):
    """(opens, closes) for checking in at `screening` (use a screening from for_list/for_detail:
    its end needs the programme)."""
    opens = screening.doors_at or screening.starts_at - CHECK_IN_BEFORE
    return opens, screening.ends_at + CHECK_IN_AFTER


def verdict_window(screening):
    return screening.ends_at, screening.ends_at + VERDICT_FOR


def is_open(window, now=None):
    now = now or timezone.now()
    return window[0] <= now <= window[1]


class CheckIn(RefusesControlCharacters, models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="check_ins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    checked_in_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        app_label = "seasons"
        verbose_name = "check-in"
        constraints = [
            models.UniqueConstraint(fields=["screening", "user"], name="check_in_once"),
        ]

    def __str__(self):
        return f"{self.user} was at {self.screening_id}"


def mark_attended(reviews):
    """Give each of `reviews` `attended_screening`: the latest screening of its film at which
    its author checked in ("I was there"), else None; one query for them all (none for none).
    Its screening has only what the badge shows (its address and date)."""
    reviews = list(reviews)
    if not reviews:
        return
    check_ins = check_ins_of(
        {review.author_id for review in reviews}, {review.film_id for review in reviews}
    )
    latest = {(check_in.user_id, check_in.film_id): check_in.screening for check_in in check_ins}
    for review in reviews:
        review.attended_screening = latest.get((review.author_id, review.film_id))


@baked
def check_ins_of(user_ids, film_ids):
    """The check-ins of these members at screenings of these films, earliest first, each with
    its `film_id` and the screening's address and date."""
    return (
        CheckIn.objects.filter(user_id__in=user_ids, screening__items__film_id__in=film_ids)
        .annotate(film_id=F("screening__items__film_id"))
        .select_related("screening")
        .only("user_id", "screening__slug", "screening__date", "screening__starts_at")
        .order_by("screening__starts_at", "pk")
    )


def reviews_from_there(screening):
    """The public reviews of `screening`'s films by members who checked in at it ("by those who
    were there"), newest first, as review cards."""
    there = CheckIn.objects.filter(screening=screening).values("user")
    films = screening.items.values("film")
    return (
        Review.objects.published().with_text().filter(author__in=there, film__in=films).for_list()
    )


def screenings_attended(user):
    """The screenings `user` checked in at, newest first, ready for a screening row."""
    return Screening.objects.filter(check_ins__user=user).for_list().order_by("-starts_at", "-pk")


class VerdictQuerySet(models.QuerySet):
    def score(self):
        """{"score": the audience score (0–100) or None, "votes": how many}, in one query."""
        return rounded_score(self.order_by().aggregate(**score_aggregates()))

    def score_by(self, field):
        """score()'s figures for each value of `field` (a query that can be baked: aggregate()
        is not), as dicts with `field` and "score", "votes"."""
        return self.order_by().values(field).annotate(**score_aggregates()).order_by()


def score_aggregates():
    points = Case(
        *[When(grade=grade, then=Value(points)) for grade, points in Verdict.POINTS.items()],
        output_field=IntegerField(),
    )
    return {"score": Avg(points), "votes": Count("pk")}


def rounded_score(found):
    """{"score": the average rounded (or None: no votes), "votes": how many}."""
    score = found["score"]
    return {"score": None if score is None else round(score), "votes": found["votes"]}


class Verdict(RefusesControlCharacters, models.Model):
    class Grade(models.TextChoices):
        A = "A", "A: Excellent"
        B = "B", "B: Very good"
        C = "C", "C: Good"
        D = "D", "D: Fair"
        E = "E", "E: Poor"

    # How film societies turn the slips into a score (each rule once).
    POINTS = {Grade.A: 100, Grade.B: 75, Grade.C: 50, Grade.D: 25, Grade.E: 0}

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="verdicts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verdicts"
    )
    grade = models.CharField(max_length=1, choices=Grade)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        app_label = "seasons"
        constraints = [
            models.UniqueConstraint(fields=["screening", "user"], name="verdict_once"),
            models.CheckConstraint(
                condition=models.Q(grade__in=["A", "B", "C", "D", "E"]), name="verdict_a_to_e"
            ),
        ]

    def __str__(self):
        return f"{self.grade} for {self.screening_id}"


def check_in(*, screening, user, now=None):
    """Check `user` in at `screening` (once; again is a no-op). Raises ValidationError outside
    the window. Returns whether this was a new check-in."""
    opens, closes = check_in_window(screening)
    if not is_open((opens, closes), now):
        raise ValidationError(
            "Check-in is open from doors until two hours after the film.", code="closed"
        )
    if screening.is_called_off:
        raise ValidationError("This screening is not going ahead.", code="called_off")
    _check_in, created = CheckIn.objects.get_or_create(screening=screening, user=user)
    return created


@transaction.atomic
def give_verdict(*, screening, user, grade, now=None):
    """Record (or change) `user`'s grade for `screening`. Raises ValidationError."""
    if grade not in Verdict.Grade.values:
        raise ValidationError("Choose a grade from A to E.", code="grade")
    if not CheckIn.objects.filter(screening=screening, user=user).exists():
        raise ValidationError(
            "Only members who checked in at the screening give it a grade.", code="absent"
        )
    if not is_open(verdict_window(screening), now):
        raise ValidationError(
            "Grades are given from the film's end until a week later.", code="closed"
        )
    Verdict.objects.update_or_create(
        screening=screening, user=user, defaults={"grade": grade, "updated_at": timezone.now()}
    )


class Going(RSVP):
    """The members going to a screening, as staff see them at the door (the admin's check-in
    list): the screenings app's RSVPs, seen from here."""

    class Meta:
        proxy = True
        app_label = "seasons"
        verbose_name = "member going"
        verbose_name_plural = "members going (check them in)"
