"""Django's {% url %}, remembering the addresses it works out.

A page names the same dozen or so fixed addresses on every request (the header's and footer's
links, "Sign in", "Write a review"), and Django's reverse() works each one out afresh: about
15 µs apiece, a twentieth of a list page's CPU. With no arguments the answer depends only on the
name, the URLconf, the script prefix, the current application and the language (for translated
routes), so it is kept, per process, under those five, and forgotten when a setting changes (as
tests change ROOT_URLCONF).

A name given one argument (a member's lists, a film's feed) is reversed once with stand-ins for
it, and its address is then the value put in their place (core.links.one_argument_route, as
rows' links are made): only for values of letters, digits, "-" and "_" (which need no quoting),
and only for a route that takes two unlike stand-ins alike (a slug or string route; an int or
UUID route takes neither). Anything else is reversed each time, as Django does. A route that took
both stand-ins but not every such value (a pattern with a length limit, a converter whose to_url
changes a value) would be given an address Django refuses: the site has none, and a test of every
route of one argument (core/tests/test_known_urls.py) fails if one is added.

Installed as a template builtin (settings.TEMPLATES' "builtins"), so every template's
{% url %} is this one, with Django's syntax, output and errors.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from core.links import PLAIN, one_argument_route

register = template.Library()


@lru_cache(maxsize=1024)
def fixed_address(view_name, current_app, urlconf, prefix, language):
    """The address of a name that takes no arguments (NoReverseMatch is raised, not kept)."""
    return reverse(view_name, urlconf=urlconf, current_app=current_app)


@receiver(setting_changed, dispatch_uid="known-urls-setting-changed")
def forget_addresses(**kwargs):
    fixed_address.cache_clear()


class KnownURLNode(URLNode):
    def render(self, context):
        if len(self.args) + len(self.kwargs) > 1:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:  # as Django's tag finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        # What else the address depends on: the URLconf, the script prefix, the language.
        where = (current_app, get_urlconf() or settings.ROOT_URLCONF)
        where += (get_script_prefix(), get_language())
        if self.args or self.kwargs:
            address = self.one_argument_address(context, view_name, where)
            if address is None:
                return super().render(context)
        else:
            try:
                address = fixed_address(view_name, *where)
            except NoReverseMatch:  # raised, or "" for {% url ... as var %}, as Django's does
                return super().render(context)
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address

    def one_argument_address(self, context, view_name, where):
        """The address for the tag's one argument, or None for Django's tag to work it out."""
        if self.args:
            keyword, value = None, self.args[0].resolve(context)
        else:
            ((keyword, expression),) = self.kwargs.items()
            value = expression.resolve(context)
        value = str(value)
        if not PLAIN.fullmatch(value):
            return None
        route = one_argument_route(view_name, keyword, *where)
        return None if route is None else f"{route[0]}{value}{route[1]}"


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    node.__class__ = KnownURLNode
    return node
