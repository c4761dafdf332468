from django import template

from core.pagecache import depends_on
from seasons.audience import CheckIn, Verdict, check_in_window, is_open, verdict_window
from seasons.models import Suggestion

register = template.Library()


@register.inclusion_tag("seasons/includes/film_suggestions.html")
def film_suggestions(film):
    """ "Suggested for Summer 2026 by …" on a film's page (the catalogue does not know seasons):
    one query."""
    depends_on(f"film:{film.pk}", "season-facts")
    suggestions = (
        Suggestion.objects.in_public_seasons()
        .filter(film=film)
        .select_related("season", "suggested_by")
        .order_by("-season__starts_on", "pk")
    )
    return {"suggestions": list(suggestions)}


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
        "shows_code": member and user.has_perm("seasons.add_checkin"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("seasons/includes/film_audience.html")
def film_audience_score(film):
    """The audience score of every screening of `film`, together: one query."""
    depends_on(f"film:{film.pk}")
    return {"score": Verdict.objects.filter(screening__items__film=film).score()}
