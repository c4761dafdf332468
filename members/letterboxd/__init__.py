"""Bringing a member's history from Letterboxd, and taking all of it with them.

- `reader`: the export zip, read safely (sizes and compression ratio checked before any file is
  unpacked) into rows, or refused with every problem, each naming its file and line (`Refused`).
- `matching`: each row's film found by title and year among every title of the catalogue.
- `models`: the import job (its rows, the member's choices, its progress) and the films members
  want added (rows that matched nothing, for staff).
- `applying`: the rows written as logs, ratings, likes, watchlist entries and lists, idempotently.
- `exporting`: everything a member keeps here, as Letterboxd's CSVs and one JSON file.
"""
