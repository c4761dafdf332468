"""Who may do what with a member's list, as a matrix: every role × every action (as
reviews/tests/test_permissions.py does for reviews and comments).

Roles: a visitor (signed out); another member; the list's owner; staff with every permission
(a superuser); staff without permissions. A private list is its owner's alone: to everyone else,
staff included, it does not exist (404), whatever they ask of it, and no page names it ("not
shown"). Others may read a public list but not change it (403)."""

import pytest
from django.urls import reverse

from core.tests.permissions import assert_refused, matrix
from members.models import MemberList, add_to_list

ROLES = ["visitor", "member", "owner", "staff", "staff without permissions"]

LISTS = {
    "read public": ["allowed", "allowed", "allowed", "allowed", "allowed"],
    "read private": [404, 404, "allowed", 404, 404],
    "private in lists": ["not shown", "not shown", "allowed", "not shown", "not shown"],
    "private on profile": ["not shown", "not shown", "allowed", "not shown", "not shown"],
    "private counted on profile": ["not shown", "not shown", "allowed", "not shown", "not shown"],
    "private on film page": ["not shown", "not shown", "not shown", "not shown", "not shown"],
    "edit public": ["login", 403, "allowed", 403, 403],
    "edit private": ["login", 404, "allowed", 404, 404],
    "delete public": ["login", 403, "allowed", 403, 403],
    "delete private": ["login", 404, "allowed", 404, 404],
    "add a film": ["login", "refused", "allowed", "refused", "refused"],
    "add a film to private": ["login", "refused", "allowed", "refused", "refused"],
}


@pytest.fixture
def cast(make_user, make_film):
    owner = make_user(username="owner")
    film = make_film(title="Tian Mi Mi")
    public = MemberList.objects.create(owner=owner, title="Open list", is_public=True)
    private = MemberList.objects.create(owner=owner, title="Secret list", is_public=False)
    for member_list in (public, private):
        add_to_list(member_list=member_list, film=film)
    return {
        "owner": owner,
        "member": make_user(username="member"),
        "staff": make_user(username="boss", is_staff=True, is_superuser=True),
        "staff without permissions": make_user(username="clerk", is_staff=True),
        "visitor": None,
        "public": public,
        "private": private,
        "film": film,
    }


def list_url(name, member_list):
    return reverse(name, args=[member_list.owner.username, member_list.slug])


@pytest.mark.parametrize(("action", "role", "expected"), matrix(LISTS, ROLES))
def test_list_permissions(client, cast, action, role, expected):
    if cast[role] is not None:
        client.force_login(cast[role])
    member_list = cast["private" if "private" in action else "public"]

    if action.startswith("read"):
        response = client.get(member_list.get_absolute_url())
        if expected == "allowed":
            assert response.context["member_list"] == member_list
        else:
            assert_refused(response, expected)
    elif action == "private counted on profile":
        response = client.get(cast["owner"].get_absolute_url())
        counted = response.context["member"].list_count
        assert counted == (2 if expected == "allowed" else 1)
    elif action.startswith("private"):
        page = {
            "private in lists": reverse("members:lists", args=["owner"]),
            "private on profile": cast["owner"].get_absolute_url(),
            "private on film page": cast["film"].get_absolute_url(),
        }[action]
        response = client.get(page)
        assert response.status_code == 200
        # named as a link (the owner's own film page offers it in "Add it to your list")
        assert ("Secret list</a>" in response.text) is (expected == "allowed")
    elif action.startswith("edit"):
        response = client.post(
            list_url("members:list-update", member_list),
            {"title": "Mine", "entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0"},
        )
        member_list.refresh_from_db()
        if expected == "allowed":
            assert (response.status_code, member_list.title) == (302, "Mine")
        else:
            assert_refused(response, expected)
            assert member_list.title != "Mine"
    elif action.startswith("delete"):
        response = client.post(list_url("members:list-delete", member_list))
        exists = MemberList.objects.filter(pk=member_list.pk).exists()
        if expected == "allowed":
            assert (response.status_code, exists) == (302, False)
        else:
            assert_refused(response, expected)
            assert exists is True
    elif action.startswith("add a film"):
        other = cast["film"].__class__.objects.create(title="Comrades", slug="comrades")
        response = client.post(
            reverse("members:list-add"), {"film": "comrades", "member_list": member_list.pk}
        )
        added = member_list.entries.filter(film=other).exists()
        if expected == "login":
            assert_refused(response, expected)
        assert added is (expected == "allowed")
