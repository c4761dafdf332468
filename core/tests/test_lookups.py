"""`__any_of` (core.lookups): the rows `__in` finds, on PostgreSQL as one array parameter."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_any_of_finds_what_in_finds(count):
    types = list(ContentType.objects.order_by("pk").values_list("pk", flat=True)[:count])

    found = Permission.objects.filter(content_type__any_of=[*types, None]).order_by("pk")

    assert list(found) == list(Permission.objects.filter(content_type__in=types).order_by("pk"))
    assert found.exists()


def test_any_of_takes_model_instances_and_numbers_in_text_as_in_does():
    first, second = ContentType.objects.order_by("pk")[:2]

    found = Permission.objects.filter(content_type__any_of=[first, str(second.pk)]).order_by("pk")

    expected = Permission.objects.filter(content_type__in=[first, second]).order_by("pk")
    assert list(found) == list(expected)
    assert found.exists()


def test_numbers_for_a_text_field_are_compared_as_text_as_in_does():
    seven = Permission.objects.create(
        codename="7", name="Seven", content_type=ContentType.objects.first()
    )

    found = Permission.objects.filter(codename__any_of=[7, 8])

    assert list(found) == list(Permission.objects.filter(codename__in=[7, 8])) == [seven]


def test_nothing_is_one_of_no_values():
    assert list(Permission.objects.filter(content_type__any_of=[])) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="arrays are PostgreSQL's")
def test_on_postgresql_the_statement_is_the_same_for_one_value_or_many():
    types = list(ContentType.objects.values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as queries:
        list(Permission.objects.filter(content_type__any_of=types[:1]))
        list(Permission.objects.filter(content_type__any_of=types))

    one, many = (query["sql"] for query in queries.captured_queries)
    assert "= ANY(" in one
    assert one.split("= ANY(")[0] == many.split("= ANY(")[0]
