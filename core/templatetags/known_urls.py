"""Django's {% url %}, remembering the address of a name given no arguments.

A page names the same dozen or so fixed addresses on every request (the header's and footer's
links, "Sign in", "Write a review"), and Django's reverse() works each one out afresh: about
15 µs apiece, a twentieth of a list page's CPU. With no arguments the answer depends only on the
name, the URLconf, the script prefix, the current application and the language (for translated
routes), so it is kept, per process, under those five, and forgotten when a setting changes (as
tests change ROOT_URLCONF). Names given arguments are reversed each time, as Django does.

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
        if self.args or self.kwargs:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:  # as Django's tag finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        try:
            prefix, language = get_script_prefix(), get_language()
            address = fixed_address(view_name, current_app, urlconf, prefix, language)
        except NoReverseMatch:  # raised, or "" for {% url ... as var %}, as Django's tag does
            return super().render(context)
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    node.__class__ = KnownURLNode
    return node
