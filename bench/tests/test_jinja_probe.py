"""bench/jinja_probe.py's own logic: comparing two engines' HTML, the interleaved batches."""

import itertools

from django.template import engines

from bench import jinja_probe


def test_renderings_differing_in_whitespace_and_quote_references_are_the_same():
    django = "<dd>\n  Maggie Cheung&#x27;s &quot;Li&quot;\n</dd>\n\n<br>"
    jinja = "<dd> Maggie Cheung&#39;s &#34;Li&#34; </dd> <br>"

    assert jinja_probe.differences(django, jinja) == []


def test_renderings_differing_in_text_are_shown_as_a_diff():
    django = "<ul>\n  <li>Peter Chan</li>\n  <li>Ivy Ho</li>\n</ul>"
    jinja = "<ul><li>Peter Chan</li><li>Ivy  Ho, escaped &amp;lt;</li></ul>"

    diff = jinja_probe.differences(django, jinja)

    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")] == [
        "-<li>Ivy Ho</li>",
        "+<li>Ivy Ho, escaped &amp;lt;</li>",
    ]


def test_whitespace_inside_text_still_separates_words():
    assert jinja_probe.differences("<p>Hong Kong</p>", "<p>HongKong</p>") != []


def test_the_engines_take_turns_batch_by_batch_the_first_alternating():
    order = []
    ticks = itertools.count()

    def engine(name):
        return lambda: order.append(name)

    times = jinja_probe.interleaved(
        {"Django": engine("Django"), "Jinja2": engine("Jinja2")},
        batches=3,
        renders=2,
        clock=lambda: next(ticks),  # each render takes a second of this clock
    )

    assert order == ["Django"] * 2 + ["Jinja2"] * 4 + ["Django"] * 4 + ["Jinja2"] * 2
    assert times == {"Django": [1000, 1000, 1000], "Jinja2": [1000, 1000, 1000]}


def test_the_django_article_is_the_film_pages_own_part_without_the_other_apps():
    article = jinja_probe.django_article(jinja_probe.FILM_PAGE.read_text(encoding="utf-8"))

    assert article.startswith("{% load ")
    assert "{% localize off %}" in article
    assert article.endswith("{% endlocalize %}")
    assert "{% cast_section page.cast %}" in article
    assert "{% accolade_rows accolades %}" in article
    for other in ("film_reviews", "film_status", "film_screenings", "member_part", "club_summary"):
        assert other not in article
    assert "{% shared" not in article
    assert "{% extends" not in article
    engines["django"].from_string(article)  # a template as it stands
