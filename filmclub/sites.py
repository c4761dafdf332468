"""The Sites framework's record of this site, from the environment.

allauth's mails ("register an account on …"), the admin's "View on site" and anything else that
asks `get_current_site()` read the record SITE_ID; settings.SITE_DOMAIN and SITE_NAME
(DJANGO_SITE_DOMAIN, DJANGO_SITE_NAME) say what it holds, and every `migrate` (and `flush`) writes
them into it.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router


def name_the_site(apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: make the record say settings.SITE_DOMAIN and SITE_NAME. (`flush` sends the
    signal too, without the migration state's `apps`.)"""
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Site):
        return
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
    # The framework's own per-process cache of the record may hold the old one.
    from django.contrib.sites.models import Site as CurrentSite

    CurrentSite.objects.clear_cache()
