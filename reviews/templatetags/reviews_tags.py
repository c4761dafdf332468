from django import template

from reviews.models import Review
from reviews.ratings import half_stars

register = template.Library()

# What a film's page lists, newest first: a popular film must not render its whole history.
FILM_PAGE_REVIEWS = 10
# The film page's "popular reviews": those with the most hearts.
FILM_PAGE_POPULAR = 3


@register.filter
def stars(rating):
    """A rating in half stars as star glyphs: 7 is '★★★½'."""
    if not rating:
        return ""
    whole, half = divmod(rating, 2)
    return "★" * whole + ("½" if half else "")


@register.filter
def stars_label(rating):
    """A rating in half stars for screen readers: 7 is 'rated 3½ out of 5'."""
    if not rating:
        return ""
    return f"rated {half_stars(rating)} out of 5"


@register.inclusion_tag("reviews/includes/film_reviews.html")
def film_reviews(film):
    """The members' reviews section of a film's page (the catalogue does not know reviews)."""
    published = Review.objects.published()
    return {
        "film": film,
        "popular_reviews": published.with_text().popular_cards_of(film, FILM_PAGE_POPULAR),
        "reviews": published.with_text().latest_cards_of(film, FILM_PAGE_REVIEWS),
        "rating_summary": published.for_film(film).rating_summary(),
    }


@register.inclusion_tag("reviews/includes/latest_reviews.html", takes_context=True)
def latest_reviews(context, count):
    """The home page's latest reviews: fetched only when that part is built."""
    return {
        "reviews": list(Review.objects.published().with_text().for_list()[:count]),
        "user": context.get("user"),
    }
