import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks run when enqueued (one test drains the real database backend instead)."""
    settings.TASKS = IMMEDIATE
    settings.DEFAULT_FROM_EMAIL = "Fort Greene Film Club <club@films.example.org>"


@pytest.fixture(autouse=True)
def _site(db, settings):
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": "films.example.org", "name": "Fort Greene Film Club"},
    )
    Site.objects.clear_cache()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (the tasks), as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = action(*args, **kwargs)
        return result

    return run


@pytest.fixture
def author(make_member):
    """The member whose review is commented on."""
    return make_member(username="ada", display_name="Ada")
