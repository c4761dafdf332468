from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.pagecache import depends_on
from films.models import Film
from reviews.models import Review

FEED_LENGTH = 20


class LatestReviewsFeed(Feed):
    """The latest published reviews, as Atom."""

    feed_type = Atom1Feed
    title = "filmclub: latest reviews"
    subtitle = "Reviews written by filmclub's members."

    def link(self):
        return reverse("reviews:list")

    def items(self):
        depends_on("reviews", "catalogue")
        return Review.objects.published().for_list()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.title} ({item.film.title})"

    def item_description(self, item):
        if item.contains_spoilers:
            return "<p><strong>This review contains spoilers.</strong></p>" + item.body_html
        return item.body_html

    def item_author_name(self, item):
        depends_on(f"user:{item.author_id}")
        return item.author.public_name

    def item_author_link(self, item):
        return item.author.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class FilmReviewsFeed(LatestReviewsFeed):
    """The latest published reviews of one film, as Atom."""

    def get_object(self, request, slug):
        return get_object_or_404(Film, slug=slug)

    def title(self, obj):
        return f"filmclub: reviews of {obj.title}"

    def subtitle(self, obj):
        return f"Reviews of {obj.title} written by filmclub's members."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        depends_on("reviews", "catalogue")
        return Review.objects.published().for_film(obj).for_list()[:FEED_LENGTH]
