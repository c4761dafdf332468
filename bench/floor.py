"""The framework's own floor: a plain Django view that returns a page's captured bytes.

It runs in the same gunicorn, with the same settings, the whole middleware stack (sessions,
CSRF, authentication, security headers, CSP) and URL routing, but no query and no template: the
least any page of this site can cost. The page cache skips it (its URL is under /media/), so it
measures Django, not Redis. bench/run.py captures each page's body into FILMCLUB_BENCH_FLOOR_DIR
before the floor is measured; a worker reads each file once and then serves it from memory.
"""

import os
from pathlib import Path

from django.http import Http404, HttpResponse

_bodies = {}


def floor(request, name):
    if name not in _bodies:
        folder = Path(os.environ.get("FILMCLUB_BENCH_FLOOR_DIR", "/nonexistent"))
        try:
            body = (folder / f"{name}.body").read_bytes()
            content_type = (folder / f"{name}.type").read_text()
        except OSError as error:
            raise Http404(f"No captured page {name!r}.") from error
        _bodies[name] = (body, content_type)
    body, content_type = _bodies[name]
    return HttpResponse(body, content_type=content_type)
