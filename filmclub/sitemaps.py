"""The site's sitemap (/sitemap.xml): its public pages, one section per kind, each the app's
own (films, reviews, screenings .sitemaps). A new kind of public page (members' lists) adds
its section to SITEMAPS; its test (filmclub/tests/test_sitemap.py) counts one query a section.
"""

from django.urls import reverse

from core.sitemaps import Sitemap
from films.sitemaps import FilmSitemap, PersonSitemap
from reviews.sitemaps import ReviewSitemap
from screenings.sitemaps import ScreeningSitemap, VenueSitemap


class IndexSitemap(Sitemap):
    """The pages that list the others, and the home page."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "home",
            "films:list",
            "films:people",
            "reviews:list",
            "screenings:list",
            "screenings:past",
            "screenings:venues",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": IndexSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "reviews": ReviewSitemap,
    "screenings": ScreeningSitemap,
    "venues": VenueSitemap,
}
# What a change of which shows in the sitemap (core.pagecache tags): it is kept until then.
SITEMAP_TAGS = ("catalogue", "reviews", "screenings")
