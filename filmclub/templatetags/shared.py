"""`{% shared "name" value… %}…{% endshared %}`: a part of a page that is the same for everyone
who asks for it with the same values, rendered once per change to the club's data.

Signed-in members' pages bypass the page cache (they carry the member's menu, forms and CSRF
token), but most of what they show (a film's credits, a list of cards) is the same for everyone.
Such a part, wrapped in this tag, is kept in the shared cache stamped with the page cache's data
generation (filmclub.pagecache), so any write makes it stale at once, and it expires with the page
cache's timeout. What is inside must hold nothing of one visitor: a part that renders a CSRF token
is refused loudly, never stored. Off when the page cache is off, or with
DJANGO_SHARED_FRAGMENTS=false (the benchmark measures both).
"""

import hashlib

from django import template
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from filmclub import pagecache

register = template.Library()

CSRF_FIELD = "csrfmiddlewaretoken"
MAX_VALUES = 2 * pagecache.MAX_QUERY_STRING


def enabled():
    return bool(settings.PAGE_CACHE_SECONDS and settings.SHARED_FRAGMENTS)


def key_part(value):
    """A model instance by its label and primary key (its repr is only its str); plain values
    (ids, strings, query strings) as they are."""
    meta = getattr(value, "_meta", None)
    return (meta.label, value.pk) if meta is not None else value


class SharedNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        if not enabled():
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        values = repr([key_part(value.resolve(context)) for value in self.values])
        if len(values) > MAX_VALUES:  # odd URLs are served, not cached (as by the page cache)
            return self.nodelist.render(context)

        def render():
            html = self.nodelist.render(context)
            if CSRF_FIELD in html:
                raise ImproperlyConfigured(f"The shared fragment {name!r} renders a CSRF token.")
            return html

        key = f"fragment:{name}:{hashlib.sha256(values.encode()).hexdigest()}"
        return pagecache.remembered(key, render)


@register.tag
def shared(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% shared %} needs a name.")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
