"""{% url %} as every template has it (core.templatetags.known_urls): Django's tag, the
addresses of names without arguments remembered."""

import pytest
from django.conf import settings
from django.template import Context, Template, engines
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, URLResolver, get_resolver, path, reverse, set_script_prefix
from django.utils import translation
from django.utils.translation import get_language

from core.links import one_argument_route
from core.templatetags.known_urls import KnownURLNode, fixed_address


def render(source, context=None, request=None):
    template = engines["django"].from_string(source)
    return template.render(context or {}, request)


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_every_templates_url_tag_is_the_remembering_one():
    template = engines["django"].from_string("{% url 'films:list' %}")
    assert isinstance(template.template.nodelist[0], KnownURLNode)


@pytest.mark.parametrize("name", ["home", "films:list", "reviews:create", "account_login"])
def test_a_fixed_address_is_what_reverse_gives(name):
    fixed_address.cache_clear()
    assert render(f"{{% url '{name}' %}}") == reverse(name)
    assert render(f"{{% url '{name}' %}}") == reverse(name)

    assert (fixed_address.cache_info().misses, fixed_address.cache_info().hits) == (1, 1)


def test_an_address_is_kept_per_application_and_language():
    """The same name in two admin sites' namespaces; translated routes differ by language."""
    fixed_address.cache_clear()
    request = RequestFactory().get("/admin/")
    for current_app in ("admin", "other-admin", "admin"):
        request.current_app = current_app
        render("{% url 'admin:index' %}", request=request)
    with translation.override("fr"):
        render("{% url 'admin:index' %}", request=request)

    assert (fixed_address.cache_info().misses, fixed_address.cache_info().hits) == (3, 1)


def test_names_with_arguments_give_djangos_addresses():
    rendered = render(
        "{% url 'films:detail' slug %}|{% url 'films:detail' slug=other %}",
        {
            "slug": "fallen-angels",
            "other": "chungking-express",
        },
    )
    assert rendered == "/films/fallen-angels/|/films/chungking-express/"


def test_a_name_given_one_argument_is_worked_out_once_for_every_value():
    one_argument_route.cache_clear()
    source = "{% url 'films:detail' slug %}|{% url 'members:lists' handle=slug %}"
    for slug in ("fallen-angels", "Chungking_Express-1994"):
        expected = f"{reverse('films:detail', args=[slug])}|"
        expected += reverse("members:lists", kwargs={"handle": slug})
        assert render(source, {"slug": slug}) == expected

    assert (one_argument_route.cache_info().misses, one_argument_route.cache_info().hits) == (2, 2)


@pytest.mark.parametrize("value", ["a b", "vögel", "a/b", ""])
def test_a_value_that_needs_more_than_its_letters_is_refused_as_djangos_tag_refuses_it(value):
    with pytest.raises(NoReverseMatch):
        render("{% url 'films:detail' value %}", {"value": value})
    assert render("{% url 'films:detail' value as address %}[{{ address }}]", {"value": value}) == (
        "[]"
    )


def test_a_route_of_numbers_takes_numbers_only():
    assert render("{% url 'reviews:comment-link' 42 %}") == reverse(
        "reviews:comment-link", args=[42]
    )
    with pytest.raises(NoReverseMatch):
        render("{% url 'reviews:comment-link' 'forty-two' %}")


def test_the_script_prefix_is_part_of_an_address_with_an_argument(script_prefix):
    source = "{% url 'films:detail' 'fallen-angels' %}"
    assert render(source) == "/films/fallen-angels/"
    script_prefix("/club/")
    assert render(source) == "/club/films/fallen-angels/"
    script_prefix("/")
    assert render(source) == "/films/fallen-angels/"


def test_as_a_variable_and_escaped_as_djangos_tag():
    assert render("{% url 'films:list' as films %}[{{ films }}]") == "[/films/]"
    assert render("{% url 'films:detail' 'a' as address %}[{{ address }}]") == "[/films/a/]"


def test_an_unknown_name_is_refused_as_djangos_tag_refuses_it():
    with pytest.raises(NoReverseMatch):
        render("{% url 'films:no-such-page' %}")
    assert render("{% url 'films:no-such-page' as nothing %}[{{ nothing }}]") == "[]"


def test_the_script_prefix_is_part_of_the_address(script_prefix):
    assert render("{% url 'films:list' %}") == "/films/"
    script_prefix("/club/")
    assert render("{% url 'films:list' %}") == "/club/films/"
    script_prefix("/")
    assert render("{% url 'films:list' %}") == "/films/"


def elsewhere(request):
    raise AssertionError("not served")


urlpatterns = [path("elsewhere/", elsewhere, name="home")]


def test_another_urlconf_gives_its_own_address():
    assert render("{% url 'home' %}") == "/"
    with override_settings(ROOT_URLCONF=__name__):
        assert render("{% url 'home' %}") == "/elsewhere/"
    assert render("{% url 'home' %}") == "/"


def test_the_admins_names_follow_its_site():
    request = RequestFactory().get("/admin/")
    request.current_app = "admin"
    assert render("{% url 'admin:index' %}", request=request) == "/admin/"
    rendered = Template("{% url 'admin:index' %}").render(Context({}))
    assert rendered == "/admin/"


def one_argument_names(patterns, namespace="", parameters=()):
    """(name, its one argument) of every route of `patterns` that takes one argument, its
    includes' prefixes counted."""
    for pattern in patterns:
        taken = (*parameters, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from one_argument_names(pattern.url_patterns, inner, taken)
        elif pattern.name and len(taken) == 1:
            yield f"{namespace}{pattern.name}", taken[0]


PLAIN_VALUES = ["a", "Z", "7", "-", "_", "0042", "a-b_C9", "x" * 300]


def test_every_route_the_tag_builds_gives_djangos_address_for_every_plain_value():
    """The stand-ins stand for every value PLAIN allows only on routes that take them all
    alike: for each of the site's routes of one argument, the address the tag builds is
    reverse()'s, or the route is left to reverse()."""
    urlconf, built = settings.ROOT_URLCONF, 0
    for name, keyword in set(one_argument_names(get_resolver(urlconf).url_patterns)):
        for argument in (keyword, None):
            route = one_argument_route(name, argument, None, urlconf, "/", get_language())
            if route is None:
                continue
            built += 1
            for value in PLAIN_VALUES:
                arguments = {"kwargs": {argument: value}} if argument else {"args": [value]}
                assert f"{route[0]}{value}{route[1]}" == reverse(name, **arguments), name
    assert built > 20  # the site's slug and handle routes
