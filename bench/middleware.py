"""Loaded only by bench/settings.py (bench/run.py serves the site with it): never in production."""

from django.db import connection


def count_queries(get_response):
    """Say in an `X-Queries` header how many SQL queries the request ran, all middleware included
    (this one is first, so the session, the user and the page cache are inside it)."""

    def middleware(request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = get_response(request)
        response["X-Queries"] = str(queries)
        return response

    return middleware
