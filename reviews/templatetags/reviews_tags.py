from django import template
from django.utils.formats import date_format

from reviews import film_section
from reviews.comment_html import ThreadWriter
from reviews.models import Review
from reviews.moderation import hidden_note
from reviews.ratings import half_stars
from reviews.widgets import star_rating_html

register = template.Library()


@register.filter
def stars(rating):
    """A rating in half stars as star glyphs: 7 is '★★★½'."""
    if not rating:
        return ""
    whole, half = divmod(rating, 2)
    return "★" * whole + ("½" if half else "")


register.filter("hidden_note", hidden_note)


@register.filter
def stars_label(rating):
    """A rating in half stars for screen readers: 7 is 'rated 3½ out of 5'."""
    if not rating:
        return ""
    return f"rated {half_stars(rating)} out of 5"


@register.simple_tag
def log_parts(log):
    """What a member loses with their log besides its text: 'your ★★★½ rating and your diary
    entry of 3 May 2024' (either alone, or '' when it has neither)."""
    parts = []
    if log.rating:
        parts.append(f"your {stars(log.rating)} rating")
    if log.watched_on:
        parts.append(f"your diary entry of {date_format(log.watched_on, 'j F Y')}")
    return " and ".join(parts)


@register.simple_tag(takes_context=True)
def comment_thread(context, comments):
    """A page of a discussion's comments, threaded (reviews.comment_html)."""
    return ThreadWriter(context).thread(comments)


@register.simple_tag
def film_rating_summary(film):
    """The members' ratings of `film` (RatingSummary): the top of its page shows them."""
    return film_section.rating_summary(film)


@register.inclusion_tag("reviews/includes/film_reviews.html")
def film_reviews(film, rating_summary=None):
    """The members' reviews section of a film's page (the catalogue does not know reviews);
    given the film's rating summary when the page has already fetched it."""
    if rating_summary is None:
        rating_summary = film_section.rating_summary(film)
    popular, latest = film_section.review_cards(film)
    return {
        "film": film,
        "popular_reviews": popular,
        "reviews": latest,
        "cards": popular + latest,  # every card, for their "I was there" (one query)
        "rating_summary": rating_summary,
    }


@register.inclusion_tag("reviews/includes/latest_reviews.html", takes_context=True)
def latest_reviews(context, count):
    """The home page's latest reviews: fetched only when that part is built."""
    return {
        "reviews": list(Review.objects.published().with_text().for_list()[:count]),
        "user": context.get("user"),
    }


@register.simple_tag
def star_rating(name, value, legend, *id_parts, legend_hidden=False):
    """The half-star rating control (reviews.widgets) in a form written by hand; its radios'
    ids start with `id_parts` joined by hyphens (`"log" 42` → log-42_7)."""
    prefix = "-".join(str(part) for part in id_parts)
    return star_rating_html(
        name=name, value=value, prefix=prefix, legend=legend, legend_hidden=legend_hidden
    )
