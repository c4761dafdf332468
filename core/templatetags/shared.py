"""Template tags of the cache (core.pagecache):

`{% depends_on film %}`, `{% depends_on "screenings" %}`, `{% depends_on "user" id %}`: the page
or part being rendered shows that row (its tag, `film:42`) or that collection (several values
make one tag, joined by ":").

`{% shared "name" value… %}…{% endshared %}`: a part of a page that is the same for everyone who
asks for it with the same values, built once and kept until a tag it declared is bumped. Signed-in
members' pages bypass the page cache, but most of what they show (a film's credits, a list of
cards) is the same for everyone. Off when the page cache is off, or with
DJANGO_SHARED_FRAGMENTS=false (the benchmark measures both).

What belongs to one visitor inside a shared part is rendered for each request, outside what is
kept: `{% csrf_token %}`, and `{% member_part "template.html" only_author=id key=value… %}` (or
`only_staff=True`, or `only_perm="app.codename"` for staff with that permission): that template,
rendered with those values for the members the condition names (for nobody else). The kept
part holds the places where they go, not the parts.
"""

import secrets
from contextvars import ContextVar

from django import template
from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.template.base import token_kwargs
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()

MAX_VALUES = 2 * pagecache.MAX_QUERY_STRING
ANY_AUTHOR = "any"  # a member part given no only_author (None names nobody)
# The Places of the shared part being built, if any (includes render in a render context of
# their own, so it is kept here).
_building = ContextVar("shared_places", default=None)


def enabled():
    return bool(pagecache.enabled() and settings.SHARED_FRAGMENTS)


def key_part(value):
    """A model instance by its label and primary key (its repr is only its str); plain values
    (ids, strings, query strings) as they are."""
    meta = getattr(value, "_meta", None)
    return (meta.label, value.pk) if meta is not None else value


@register.filter
def page_address(request):
    """The request's path and the query parameters pages read (a {% shared %} part's key)."""
    return f"{request.path}?{pagecache.page_query(request)}"


@register.simple_tag
def depends_on(*values):
    if len(values) == 1 and hasattr(values[0], "_meta"):
        pagecache.depends_on(pagecache.instance_tag(values[0]))
    elif values:
        pagecache.depends_on(":".join(str(value) for value in values))
    return ""


class Places:
    """The per-visitor places of a shared part being built: each one writes a fresh random
    token where it goes, and the kept part is the rendered text cut at those tokens."""

    def __init__(self):
        self.token = secrets.token_hex(16)
        self.places = []

    def add(self, place):
        self.places.append(place)
        return self.token


class CsrfPlace:
    """Stands for the visitor's CSRF token while a shared part is built ({% csrf_token %}
    writes it as its input's value)."""

    def __init__(self, places):
        self.places = places

    def __str__(self):
        return self.places.add(("csrf",))

    __html__ = __str__


class Visitor:
    """What a shared part's places need of one request, worked out once per part."""

    def __init__(self, context):
        self.context = context
        user = context.get("user")
        self.member = user.pk if user is not None and user.is_authenticated else None
        self.staff = self.member is not None and user.is_staff
        self._csrf = None

    def csrf(self):
        if self._csrf is None:
            self._csrf = conditional_escape(self.context.get("csrf_token") or "")
        return self._csrf

    def render(self, place):
        if place[0] == "csrf":
            return self.csrf()
        _kind, name, values, only_author, only_staff, only_perm = place
        outer = _building.get()
        if outer is not None:  # inside a shared part being built: a place of that part too
            return outer.add(place)
        if only_author != ANY_AUTHOR and (self.member is None or only_author != self.member):
            return ""
        if only_staff and not self.staff:
            return ""
        if only_perm and not (self.staff and self.context["user"].has_perm(only_perm)):
            return ""
        part = self.context.template.engine.get_template(name)
        with self.context.push(**values):
            return part.render(self.context)


def fill(chunks, places, context):
    visitor, parts = Visitor(context), [chunks[0]]
    for place, chunk in zip(places, chunks[1:], strict=True):
        parts.append(visitor.render(place))
        parts.append(chunk)
    return mark_safe("".join(parts))


class SharedNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        if not enabled():
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        values = [key_part(value.resolve(context)) for value in self.values]
        if len(repr(values)) > MAX_VALUES:  # odd URLs are served, not cached (as by the page cache)
            return self.nodelist.render(context)
        key = make_template_fragment_key(f"shared:{name}", values)
        found, clock = pagecache.fetch(key)
        if found is None:
            with pagecache.collecting() as tags:
                chunks, places = self.build(context)
            pagecache.keep(key, (chunks, places), tags, clock)
        else:
            chunks, places = found[1]
        return fill(chunks, places, context)

    def build(self, context):
        places = Places()
        token = _building.set(places)
        try:
            with context.push(csrf_token=CsrfPlace(places)):
                html = self.nodelist.render(context)
        finally:
            _building.reset(token)
        chunks = html.split(places.token)
        if len(chunks) != len(places.places) + 1:
            raise template.TemplateSyntaxError(
                "A per-visitor part of a {% shared %} part was rendered out of place."
            )
        return chunks, places.places


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


class MemberPartNode(template.Node):
    def __init__(self, name, values):
        self.name = name
        self.values = values

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.values.items()}
        only_author = values.pop("only_author", ANY_AUTHOR)
        only_staff = bool(values.pop("only_staff", False))
        only_perm = values.pop("only_perm", None)
        place = ("part", self.name.resolve(context), values, only_author, only_staff, only_perm)
        return Visitor(context).render(place)


@register.tag
def member_part(parser, token):
    """`{% member_part "template.html" only_author=id|only_staff=True|only_perm="a.b" k=v… %}`."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% member_part %} needs a template name.")
    values = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% member_part %} takes key=value pairs.")
    return MemberPartNode(parser.compile_filter(bits[1]), values)
