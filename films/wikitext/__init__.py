"""Adding a film from its encyclopedia article: the wikitext parsed (parse, accolades), matched
to the catalogue (match), and what staff confirm written (apply), on an admin page (views)."""
