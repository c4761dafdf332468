"""A view whose page says nothing of what it shows (filmclub.tests.test_cache_tags)."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("undeclared/", lambda request: HttpResponse("<p>Something</p>"))]
