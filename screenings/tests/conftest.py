import pytest


@pytest.fixture
def mailing(settings):
    """Notifications mailed as in production, but at once: tasks run when enqueued, and links
    name the site's domain."""
    from django.contrib.sites.models import Site

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": "films.example.org", "name": "filmclub"}
    )
    Site.objects.clear_cache()
