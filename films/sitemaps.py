"""The catalogue's sections of the sitemap (filmclub.sitemaps gathers the sections)."""

from core.sitemaps import Sitemap
from films.models import Film, Person


class FilmSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # A list: the sitemap's paginator counts it without a COUNT query of its own.
        return list(Film.objects.only("slug").order_by("pk"))


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return list(Person.objects.only("slug").order_by("pk"))
