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

from core.pagecache import cached


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
