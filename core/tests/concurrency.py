"""What the tests of writers at the same moment share: they run on PostgreSQL only."""

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every write and has no row locks "
    "(select_for_update is a no-op there); CI runs these on PostgreSQL",
)
