"""The base of every section of the sitemap: its links on the site's canonical origin (as
core.links.site_url makes them), as the pages' canonical links are, not on the host asked on."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap

from core.links import site_scheme


class Sitemap(DjangoSitemap):
    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return settings.SITE_DOMAIN
