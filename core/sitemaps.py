"""The base of every section of the sitemap: its links on the site's canonical origin
(core.links.site_url), as the pages' canonical links are, not on the host it was asked on."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap

from core.links import site_url


class Sitemap(DjangoSitemap):
    def get_protocol(self, protocol=None):
        return site_url("").split("://", 1)[0]

    def get_domain(self, site=None):
        return settings.SITE_DOMAIN
