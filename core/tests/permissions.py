"""What the permission matrices share (reviews/tests/test_permissions.py and members' two): a
table of every action × every role as test cases, and what a refusal looks like."""

import pytest
from django.urls import reverse


def matrix(table, roles):
    """The cases (action, role, expected) of a table {action: [expected for each of `roles`]}."""
    return [
        pytest.param(action, role, expected, id=f"{action}-{role}")
        for action, row in table.items()
        for role, expected in zip(roles, row, strict=True)
    ]


def assert_refused(response, expected):
    """Refused as `expected` says: "login" (sent to sign in, then back) or a status code."""
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == expected
