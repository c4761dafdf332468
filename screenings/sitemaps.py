"""The programme's sections of the sitemap (filmclub.sitemaps gathers the sections)."""

from core.sitemaps import Sitemap
from screenings.models import Screening, Venue


class ScreeningSitemap(Sitemap):
    """Every screening: those to come, and the archive's (cancelled ones say so on their page)."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        # A list: the sitemap's paginator counts it without a COUNT query of its own.
        return list(Screening.objects.only("slug", "updated_at").order_by("pk"))

    def lastmod(self, screening):
        return screening.updated_at


class VenueSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return list(Venue.objects.only("slug").order_by("pk"))
