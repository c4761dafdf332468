"""A paginator whose count is kept until what it counts changes, and whose last pages cost
what its first pages do.

Counting a large catalogue is the most expensive query of its pages (a scan of the whole table),
and its answer changes only when the data does: it is kept in the shared cache until one of the
tags the view names is bumped (core.pagecache.cached), keyed by the list's SQL. Only for lists
that do not depend on the clock: a list filtered by "now" (published reviews, upcoming screenings)
has new SQL every request, so its count would never be found again.

A page in the back half of the list is read from the list's end (its ordering reversed, as an
index is read backwards): the database skips at most half the list instead of all of it before
the page, and the last page skips nothing. The list's ordering must be total (end it with the
primary key) for the two directions to agree.
"""

import hashlib
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.http import Http404

from core.pagecache import cached
from core.refusals import NotFound


class RememberedCountPaginator(Paginator):
    def __init__(self, *args, count_tags, count_key=None, **kwargs):
        """`count_tags`: what the count depends on (`catalogue`); `count_key`: what identifies
        the list, when the caller knows (its filters, say); otherwise its SQL, compiled for the
        purpose."""
        super().__init__(*args, **kwargs)
        self.count_key, self.count_tags = count_key, count_tags

    @cached_property
    def count(self):
        key = self.count_key
        if key is None:
            query = getattr(self.object_list, "query", None)
            if query is None:  # a list, not a queryset
                return len(self.object_list)
            try:
                sql, params = query.sql_with_params()
            except EmptyResultSet:  # .none(), or a filter nothing can match
                return 0
            key = (self.object_list.db, sql, params)
        digest = hashlib.sha256(repr(key).encode()).hexdigest()
        return cached(f"count:{digest}", self.object_list.count, self.count_tags)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows_after = self.count - top
        if rows_after >= bottom or not getattr(self.object_list, "ordered", False):
            return self._get_page(self.object_list[bottom:top], number, self)
        rows = list(self.object_list.reverse()[rows_after : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)


class PageNotFoundMixin:
    """A ListView whose page out of range (?page=999, ?page=abc) is a 404 that says so: "There
    is no page “999” of this list: it has 3 pages." (Django's words are not shown)."""

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            paginator = self.get_paginator(
                queryset,
                page_size,
                orphans=self.get_paginate_orphans(),
                allow_empty_first_page=self.get_allow_empty(),
            )
            page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
            raise NotFound(no_such_page(page, paginator.num_pages)) from None


def no_such_page(page, num_pages):
    pages = "one page" if num_pages == 1 else f"{num_pages:,} pages"
    return f"There is no page “{page}” of this list: it has {pages}."
