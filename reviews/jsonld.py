"""A review shared on the web: as schema.org structured data (JSON-LD `Review` of a `Movie`),
which search engines show as a review snippet, and the description its links show."""

from django.conf import settings

from films.sharing import film_share_image

# Ratings are kept in half stars (1 to 10) and shown as stars: ½ to 5.
BEST_RATING = 5
WORST_RATING = 0.5


def share_description(review):
    """The review's excerpt, unless it gives the story away."""
    if review.contains_spoilers:
        return f"A member’s review of {review.film.title} (contains spoilers)."
    return review.excerpt or f"A member’s review of {review.film.title}."


def schema_org_review(review, absolute_url):
    """The review as a schema.org Review (JSON-LD), or None for one that is not public (a
    draft, hidden, scheduled) or has no rating: a review snippet needs its rating, and an item
    without one is reported as an error. No query: use a review with its film and author."""
    if not review.is_public or review.rating is None:
        return None
    film, author = review.film, review.author
    movie = {
        "@type": "Movie",
        "name": film.title,
        "url": absolute_url(film.get_absolute_url()),
        "image": absolute_url(film_share_image(film).url),
    }
    if film.year:
        movie["dateCreated"] = str(film.year)
    data = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.title,
        "url": absolute_url(review.get_absolute_url()),
        "datePublished": review.published_at.isoformat(),
        "itemReviewed": movie,
        "author": {
            "@type": "Person",
            "name": author.public_name,
            "url": absolute_url(author.get_absolute_url()),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": review.rating / 2,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        },
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute_url("/"),
        },
    }
    if not review.contains_spoilers and review.excerpt:
        data["description"] = review.excerpt
    return data
