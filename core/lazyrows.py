"""Rows a view hands its template to be read only when shown: never when the part of the page
that shows them ({% shared %}) is served already built."""

from functools import cached_property


class RowsWhenShown:
    """The list `fetch()` returns, fetched when first iterated, counted or indexed."""

    def __init__(self, fetch):
        self.fetch = fetch

    @cached_property
    def rows(self):
        return self.fetch()

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __eq__(self, other):
        return self.rows == other
