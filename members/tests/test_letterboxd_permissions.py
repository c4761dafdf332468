"""Who may do what with a member's data, as a matrix (as reviews/tests/test_permissions.py):
every role × the import, its job, the export, account deletion and staff's list of films members
want added. A member's data is theirs alone: staff, whatever their permissions, meet a 404 too.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.tests.permissions import matrix
from members.letterboxd.models import ImportJob, WantedFilm

ROLES = ["visitor", "member", "owner", "staff", "staff without permissions"]

PAGES = {
    "import page": ["login", 404, "allowed", 404, 404],
    "import job": ["login", 404, "allowed", 404, 404],
    "confirm import": ["login", 404, "allowed", 404, 404],
    "export page": ["login", 404, "allowed", 404, 404],
    "export zip": ["login", 404, "allowed", 404, 404],
    "delete account page": ["login", 404, "allowed", 404, 404],
    "films members want added": ["admin login", "admin login", "admin login", "allowed", 403],
}


@pytest.fixture
def cast(make_user):
    owner = make_user(username="owner")
    staff = make_user(username="staff", is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="members", codename="view_wantedfilm")
    )
    WantedFilm.objects.create(member=owner, name="A Lost Film", year=1931)
    return {
        "visitor": None,
        "member": make_user(username="someone"),
        "owner": owner,
        "staff": staff,
        "staff without permissions": make_user(username="clerk", is_staff=True),
        "job": ImportJob.objects.create(member=owner, filename="export.zip", rows=[], total=0),
    }


def request(client, action, job):
    handle = {"handle": "owner"}
    if action == "confirm import":
        url = reverse("members:import-confirm", kwargs={**handle, "pk": job.pk})
        return client.post(url)
    urls = {
        "import page": reverse("members:import", kwargs=handle),
        "import job": reverse("members:import-job", kwargs={**handle, "pk": job.pk}),
        "export page": reverse("members:export", kwargs=handle),
        "export zip": reverse("members:export-zip", kwargs=handle),
        "delete account page": reverse("members:delete-account", kwargs=handle),
        "films members want added": reverse("admin:members_wantedfilm_changelist"),
    }
    return client.get(urls[action])


@pytest.mark.parametrize(("action", "role", "expected"), matrix(PAGES, ROLES))
def test_members_data_permissions(client, cast, action, role, expected):
    if cast[role]:
        client.force_login(cast[role])

    response = request(client, action, cast["job"])

    if expected == "allowed":
        assert response.status_code in (200, 302)
        if action == "confirm import":
            cast["job"].refresh_from_db()
            assert cast["job"].status == ImportJob.Status.DONE
        if action == "films members want added":
            assert "A Lost Film" in response.content.decode()
    elif expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login") + "?next=")
    elif expected == "admin login":
        assert response.status_code == 302
        assert "login" in response.url
    else:
        assert response.status_code == expected
        cast["job"].refresh_from_db()
        assert cast["job"].status == ImportJob.Status.PREVIEW
