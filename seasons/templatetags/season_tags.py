from django import template
from django.template.defaultfilters import floatformat

from core.baked import baked
from core.pagecache import depends_on
from seasons.audience import (
    CheckIn,
    Verdict,
    check_in_window,
    is_open,
    mark_attended,
    reviews_from_there,
    rounded_score,
    screenings_attended,
    verdict_window,
)
from seasons.models import Suggestion

register = template.Library()


@register.filter
def vote_count(value):
    """A number of votes as people write it: 2, 2½, ½, and other fractions (the single
    transferable vote's) to two places: 0.33."""
    doubled = float(value) * 2
    if doubled != round(doubled):
        return floatformat(value, -2)
    whole, half = divmod(round(doubled), 2)
    return f"{whole or ''}{'½' if half else ''}" or "0"


@register.inclusion_tag("seasons/includes/film_suggestions.html")
def film_suggestions(film):
    """ "Suggested for Summer 2026 by …" on a film's page (the catalogue does not know seasons):
    one query."""
    depends_on(f"film:{film.pk}", "season-facts")
    return {"suggestions": list(suggestions_of(film.pk))}


@baked
def suggestions_of(film_id):
    suggestions = Suggestion.objects.in_public_seasons().filter(film=film_id)
    return suggestions.select_related("season", "suggested_by").order_by("-season__starts_on", "pk")


@register.inclusion_tag("seasons/includes/screening_audience.html", takes_context=True)
def screening_audience(context, screening):
    """The audience's section of a screening's page: its A–E score, and for a member the
    check-in link or their grade. Use a screening from for_detail() (its end needs the
    programme)."""
    depends_on(f"screening:{screening.pk}")
    user = context.get("user")
    member = user is not None and user.is_authenticated
    checked_in = member and CheckIn.objects.filter(screening=screening, user=user).exists()
    grade = (
        Verdict.objects.filter(screening=screening, user=user)
        .values_list("grade", flat=True)
        .first()
        if checked_in
        else None
    )
    return {
        "screening": screening,
        "score": screening.verdicts.score(),
        "member": member,
        "checked_in": checked_in,
        "grade": grade,
        "grades": Verdict.Grade.choices,
        "check_in_open": is_open(check_in_window(screening)),
        "verdict_open": is_open(verdict_window(screening)),
        "shows_code": (
            member and user.has_perm("seasons.add_checkin") and not screening.is_called_off
        ),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("seasons/includes/film_audience.html")
def film_audience_score(film):
    """The audience score of every screening of `film`, together: one query."""
    depends_on(f"film:{film.pk}")
    found = next(iter(film_score(film.pk)), {"score": None, "votes": 0})
    return {"score": rounded_score(found)}


@baked
def film_score(film_id):
    verdicts = Verdict.objects.filter(screening__items__film=film_id)
    return verdicts.score_by("screening__items__film")


# How many screenings a member's page lists as attended, newest first.
MEMBER_PAGE_ATTENDED = 20


@register.simple_tag
def was_there(reviews):
    """`{% was_there reviews %}` before review cards (or `{% was_there review %}` on its page):
    each gets `attended_screening` for its "I was there" badge (seasons.audience.mark_attended),
    in one query. A check-in bumps the films it showed (`film:42`), on which they depend."""
    reviews = [reviews] if hasattr(reviews, "_meta") else list(reviews)
    depends_on(*{f"film:{review.film_id}" for review in reviews})
    mark_attended(reviews)
    return ""


@register.inclusion_tag("seasons/includes/screenings_attended.html")
def member_screenings_attended(member):
    """The screenings a member's page lists as attended (they checked in): two queries."""
    depends_on(f"user:{member.pk}:attended", "screenings")
    screenings = list(screenings_attended(member)[:MEMBER_PAGE_ATTENDED])
    return {"member": member, "screenings": screenings}


# How many reviews by those who were there a screening's page shows, newest first.
SCREENING_PAGE_REVIEWS = 10


@register.inclusion_tag("seasons/includes/reviews_from_there.html", takes_context=True)
def screening_reviews_from_there(context, screening):
    """The screening page's reviews by members who checked in at it, each with its "I was
    there" badge: one query. A check-in bumps its screening, a review "reviews"."""
    depends_on(f"screening:{screening.pk}", "reviews")
    reviews = list(reviews_from_there(screening)[:SCREENING_PAGE_REVIEWS])
    for review in reviews:
        review.attended_screening = screening
    return {"reviews": reviews, "screening": screening, "user": context.get("user")}
