"""Who may do what on the social side, as a matrix (as reviews/tests/test_permissions.py):
roles × actions on a member's pages, for a confirmed member and for one whose address is not
confirmed (who leaves no public trace). Outcomes: "allowed", "login" (sent to sign in), 404,
"self" (refused with a message: nobody follows themself)."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import Follow

ROLES = ["visitor", "member", "themself", "staff without permissions"]

SOCIAL = {
    "follow": ["login", "allowed", "self", "allowed"],
    "follow unconfirmed": ["login", 404, "self", 404],
    "read followers": ["allowed", "allowed", "allowed", "allowed"],
    "read followers of unconfirmed": [404, 404, "allowed", 404],
    "read watchlist": ["allowed", "allowed", "allowed", "allowed"],
    "read watchlist of unconfirmed": [404, 404, "allowed", 404],
}


def matrix(table):
    return [
        pytest.param(action, role, expected, id=f"{action}-{role}")
        for action, row in table.items()
        for role, expected in zip(ROLES, row, strict=True)
    ]


@pytest.mark.parametrize(("action", "role", "expected"), matrix(SOCIAL))
def test_social_permissions(client, make_user, action, role, expected):
    target = make_user(username="target")
    if "unconfirmed" in action:
        EmailAddress.objects.create(user=target, email=target.email, verified=False, primary=True)
    people = {
        "visitor": None,
        "member": make_user(),
        "themself": target,
        "staff without permissions": make_user(is_staff=True),
    }
    user = people[role]
    if user:
        client.force_login(user)

    if action.startswith("follow"):
        response = client.post(reverse("members:follow", args=["target"]))
        follows = list(Follow.objects.values_list("follower", "followed"))
        if expected == "allowed":
            assert response.status_code == 302
            assert follows == [(user.pk, target.pk)]
        elif expected == "self":
            assert response.status_code == 302
            assert follows == []
        elif expected == "login":
            assert response.url.startswith(reverse("account_login"))
            assert follows == []
        else:
            assert response.status_code == expected
            assert follows == []
    else:
        page = "followers" if "followers" in action else "watchlist"
        response = client.get(reverse(f"members:{page}", args=["target"]))
        if expected == "allowed":
            assert response.status_code == 200
            assert response.context["member"] == target
        else:
            assert response.status_code == expected
