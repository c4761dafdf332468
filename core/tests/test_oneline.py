from django.template import engines


def render(source, **context):
    return engines["django"].from_string("{% load oneline %}" + source).render(context)


def test_the_templates_line_breaks_and_indentation_are_dropped():
    source = """<p>{% oneline %}
      <a href="/x/">{{ title }}</a>{% if year %} ({{ year }}){% endif %}
      {% for name in names %}
        , {{ name }}
      {% endfor %}
    {% endoneline %}</p>
"""
    page = render(source, title="Irma Vep", year=1996, names=["Maggie", "Olivier"])
    assert page == '<p><a href="/x/">Irma Vep</a> (1996), Maggie, Olivier</p>\n'


def test_what_variables_render_keeps_its_line_breaks():
    source = "{% oneline %}\n  <p>{{ body }}</p>\n{% endoneline %}"
    assert render(source, body="one\n  two") == "<p>one\n  two</p>"


def test_a_space_within_a_line_stays():
    assert render("{% oneline %}\n  a · b\n  c{% endoneline %}") == "a · bc"
