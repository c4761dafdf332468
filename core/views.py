"""The site's own error views.

`server_error` is `handler500`: Django calls it while handling an exception no view caught,
wherever it was raised (a view, a template, a middleware saving the session). When that
exception says the database cannot be reached, the answer is a 503 that says so, with
Retry-After, rather than "something went wrong": nothing is broken, the club is waiting for its
database. What needs no database still works meanwhile: static files, and the pages the page
cache holds for visitors (core.pagecache answers before any view).
"""

import sys

from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

# Seconds a client is told to wait before asking again while the database is away.
RETRY_AFTER = 30


def database_is_down():
    """Whether the default database refuses a new connection now (an OperationalError may also
    be a lock timeout on a database that is up: that is still a 500)."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        return True
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)) and database_is_down():
        return database_unavailable(request)
    return django_server_error(request, template_name)


def database_unavailable(request):
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
