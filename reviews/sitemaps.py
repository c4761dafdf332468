"""The public reviews' section of the sitemap (filmclub.sitemaps gathers the sections)."""

from core.sitemaps import Sitemap
from reviews.models import Review


class ReviewSitemap(Sitemap):
    """Public reviews only (ReviewQuerySet.published): no draft, hidden or scheduled one."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        # A list: the sitemap's paginator counts it without a COUNT query of its own.
        reviews = Review.objects.published().with_text().only("slug", "published_at", "updated_at")
        return list(reviews.order_by("pk"))

    def lastmod(self, review):
        """Its last edit, or its publication when that came later (a scheduled review)."""
        return max(review.updated_at, review.published_at)
