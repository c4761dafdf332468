"""The film page's member status box ({% film_status film %}): the signed-in member's own
status (watched on…, rated…, on their watchlist) and their one-click actions (Log, Rate,
Watchlist).

The film page is one shared part ({% shared %}) kept for everyone: the box is a per-visitor
place of it (core.templatetags.shared), rendered for each request outside what is kept, so
nothing of one member is kept in the shared page and showing the box makes no page cold."""

from dataclasses import dataclass

from django import template

from core.baked import baked
from core.templatetags.shared import ANY_AUTHOR, Visitor
from members.models import WatchlistEntry
from reviews.models import Review
from reviews.ratings import half_stars

register = template.Library()

STATUS_TEMPLATE = "members/includes/film_status.html"
# What the box shows of the member's logs of the film.
STATUS_FIELDS = ("slug", "title", "body", "rating", "watched_on", "liked", "status")
STATUS_FIELDS += ("film_id", "author_id")


@register.simple_tag(takes_context=True)
def film_status(context, film):
    """The member status box of `film`'s page (see the module's docstring)."""
    values = {"status_film_pk": film.pk, "status_film_slug": film.slug}
    return Visitor(context).render(("part", STATUS_TEMPLATE, values, ANY_AUTHOR, False, None))


@dataclass
class FilmStatus:
    logs: list
    on_watchlist: bool

    @property
    def last_watched(self):
        """The member's latest dated log of the film, or None."""
        dated = [log for log in self.logs if log.watched_on]
        return max(dated, key=lambda log: (log.watched_on, log.pk), default=None)

    @property
    def times_watched(self):
        return sum(1 for log in self.logs if log.watched_on)

    @property
    def rating(self):
        """Their current rating (current_ratings' rule: the latest rated log), or None. Not a
        draft's: it is not a public rating until the draft is published (draft_rating)."""
        return next((log.rating for log in self.logs if log.rating and not log.is_draft), None)

    @property
    def rating_label(self):
        """'3½ out of 5' (screen readers hear it; the stars are drawn beside it)."""
        return out_of_five(self.rating)

    @property
    def draft_rating(self):
        """The rating their latest rated draft review gives the film, when it is not their
        rating (rating) already: the box says it is the draft's, not a rating members see."""
        found = next((log.rating for log in self.logs if log.rating and log.is_draft), None)
        return found if found != self.rating else None

    @property
    def draft_rating_label(self):
        return out_of_five(self.draft_rating)

    @property
    def review(self):
        """Their latest review (a log with text) of the film, or None."""
        return next((log for log in self.logs if log.has_text), None)

    @property
    def liked(self):
        return any(log.liked for log in self.logs)


def out_of_five(rating):
    """'3½ out of 5' (screen readers hear it; the stars are drawn beside it), or ''."""
    return f"{half_stars(rating)} out of 5" if rating else ""


@register.simple_tag
def member_film_status(member, film_pk):
    """`member`'s FilmStatus for the film: two small queries, by index."""
    logs = list(logs_of_film(member.pk, film_pk))
    return FilmStatus(logs=logs, on_watchlist=bool(list(watchlisted(member.pk, film_pk))))


@baked
def logs_of_film(member_id, film_id):
    logs = Review.objects.filter(author=member_id, film_id=film_id)
    return logs.order_by("-pk").only(*STATUS_FIELDS)


@baked
def watchlisted(member_id, film_id):
    """The member's watchlist entry of the film, if any (its pk)."""
    return WatchlistEntry.objects.filter(member=member_id, film_id=film_id).values_list("pk")[:1]
