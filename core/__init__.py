"""The bottom layer: what every app uses and that knows no app (the cache and its template tags,
paginators, middleware, the admin's confirmation page, answers for the site's script)."""
