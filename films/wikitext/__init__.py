"""Adding a film from its encyclopedia article: the wikitext parsed (parse, accolades), or its
readable text (readable), matched to the catalogue (match), and what staff confirm written
(apply), on an admin page (views)."""
