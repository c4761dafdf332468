import copy

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.links import site_url
from core.pagecache import depends_on
from films.models import Film
from films.validators import strip_control_characters
from reviews.models import Review

FEED_LENGTH = 20


class LatestReviewsFeed(Feed):
    """The latest published reviews, as Atom. Every link in it is absolute, on the site's canonical
    origin (core.links.site_url), as the pages' canonical links."""

    feed_type = Atom1Feed
    title = "filmclub: latest reviews"
    subtitle = "Reviews written by filmclub's members."

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request: the request goes on a copy of it.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def absolute(self, path):
        return site_url(path)

    def link(self):
        return self.absolute(reverse("reviews:list"))

    def feed_url(self):
        return self.absolute(self.request.path)

    def item_link(self, item):
        return self.absolute(item.get_absolute_url())

    def get_feed(self, obj, request):
        """The feed, with control characters stripped from every text in it: XML 1.0 refuses
        them (a 500 for every reader), and text saved before they were refused may hold one."""
        feed = super().get_feed(obj, request)
        feed.feed = without_control_characters(feed.feed)
        feed.items = [without_control_characters(item) for item in feed.items]
        return feed

    def items(self):
        depends_on("reviews", "catalogue")
        return Review.objects.published().with_text().for_list()[:FEED_LENGTH]

    def item_title(self, item):
        """The review's title and its film's, once when they are the same words."""
        title, film = item.display_title, item.film.title
        return title if title.casefold() == film.casefold() else f"{title} ({film})"

    def item_description(self, item):
        if item.contains_spoilers:
            return "<p><strong>This review contains spoilers.</strong></p>" + item.body_html
        return item.body_html

    def item_author_name(self, item):
        depends_on(f"user:{item.author_id}")
        return item.author.name_with_handle

    def item_author_link(self, item):
        return self.absolute(item.author.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


def without_control_characters(values):
    return {
        key: strip_control_characters(value) if isinstance(value, str) else value
        for key, value in values.items()
    }


class FilmReviewsFeed(LatestReviewsFeed):
    """The latest published reviews of one film, as Atom."""

    def get_object(self, request, slug):
        return get_object_or_404(Film, slug=slug)

    def title(self, obj):
        return f"filmclub: reviews of {obj.title}"

    def subtitle(self, obj):
        return f"Reviews of {obj.title} written by filmclub's members."

    def link(self, obj):
        return self.absolute(obj.get_absolute_url())

    def items(self, obj):
        depends_on("reviews", "catalogue")
        return Review.objects.published().with_text().for_film(obj).for_list()[:FEED_LENGTH]
