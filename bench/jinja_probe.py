"""Django's templates against Jinja2 on the film page's own article (issue 15: "measure Jinja2
for the hottest templates before choosing it").

    PYTHONPATH=. .venv/bin/python bench/jinja_probe.py   # --renders, --batches; --no-page

What it measures: the server CPU (time.process_time) of rendering the part of
templates/films/film_detail.html that films/ writes itself (title and facts, infobox, plot, cast
and crew, production, release timeline, reception, critics' lists, accolades: the shared part
without {% shared %}, its {% depends_on %}s and the other apps' sections), for the seed film,
in two engines:

- Django: that part cut from the page's own template (django_article), through the project's
  engine;
- Jinja2: bench/film_article.jinja, the same in Jinja2 (autoescape on, templates not reloaded,
  as Django's Jinja2 backend runs them without DEBUG), films_tags' functions and Django's
  date, intcomma, jsonld and linebreaks filters as its globals and filters, giving Markup.

Every row the article shows is fetched before the clock starts (FilmPage's cached properties;
one render of each is checked to make no query), so both times are rendering only. The two
outputs must be the same HTML once runs of whitespace are one space and the two engines'
spellings of a quote character (&quot; and &#34;, &#x27; and &#39;) are one: if not, the
difference is printed and the probe fails. Then the engines take turns, batch by batch (which
goes first alternates), each batch `--renders` renders timed one by one; a third contender,
Helpers, calls only the Python both templates call (films_tags, Django's filters, the JSON-LD),
no template: what no engine takes off. It prints each one's median and best batch (a batch's
figure is its median render) and their spread, then the saving (each Django batch less the
Jinja2 batch beside it) and each engine's own cost (its batches less Helpers'). Last, for scale,
the whole film page built cold as bench/profile_page.py --cold --no-profile reports it (skip
with --no-page).

Jinja2 is not a dependency of filmclub: the first run installs PINS with the project's pip into
bench/.jinja (ignored by git) and the probe imports it from there. Settings as
bench/profile_page.py's: production settings against the benchmark database and Redis db 7.
Not a test: a tool for deciding whether a template engine is worth changing.
"""

import argparse
import difflib
import re
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project, for bench.*
from bench.inprocess import add_database_options, set_up_django  # noqa: E402

BENCH = ROOT / "bench"
JINJA_DIR = BENCH / ".jinja"
PINS = ("jinja2==3.1.6", "markupsafe==3.0.4")
SLUG = "comrades-almost-a-love-story"
FILM_PAGE = ROOT / "templates" / "films" / "film_detail.html"
# What the other apps add to the film page (their tags, the rating summary's lines): left out of
# the article in both engines.
OTHER_APPS = re.compile(
    r"^[ \t]*\{% (?:include \"includes/rating_summary\.html\"|(?:film_rating_summary|film_wanted"
    r"|film_status|film_next_screening|film_reviews|film_member_lists|film_screenings"
    r"|member_part|film_suggestions|film_audience_score)\b)[^\n]*\n"
    r"|^[ \t]*\{% if not club_summary\.rated.*?\{% endif %\}\n",
    re.MULTILINE | re.DOTALL,
)
JINJA_TEMPLATE = "film_article.jinja"
# The quote characters' references: Django escapes with html.escape (the first), Jinja2 with
# MarkupSafe (the second); a browser reads the two alike.
SAME_REFERENCES = {"&#34;": "&quot;", "&#39;": "&#x27;"}
WHITESPACE = re.compile(r"\s+")


def django_article(page):
    """The film page's article in Django's template language, cut from the page's own template
    (`page`, its source): its {% load %}s, then what it renders inside {% localize off %} (within
    {% shared %}) without OTHER_APPS. bench/film_article.jinja is the same in Jinja2."""
    loads = "".join(re.findall(r"^\{% load [^%]*%\}\n", page, re.MULTILINE))
    start = page.index("{% localize off %}")
    end = page.index("{% endlocalize %}") + len("{% endlocalize %}")
    return loads + OTHER_APPS.sub("", page[start:end])


def normalised(html):
    """`html` with each run of whitespace one space and one spelling of each quote character's
    reference: two engines' renderings of one template are then equal."""
    for spelling, same in SAME_REFERENCES.items():
        html = html.replace(spelling, same)
    return WHITESPACE.sub(" ", html).strip()


def differences(expected, actual):
    """The unified diff of two renderings, normalised and cut at each tag (no lines: equal)."""

    def lines(html):
        return normalised(html).replace("> <", ">\n<").replace("><", ">\n<").splitlines()

    if normalised(expected) == normalised(actual):
        return []
    return list(
        difflib.unified_diff(lines(expected), lines(actual), "django", "jinja2", lineterm="")
    )


def batch_ms(render, renders, clock=time.process_time):
    """The median of `renders` renders' times, in ms, each timed on its own."""
    times = []
    for _ in range(renders):
        started = clock()
        render()
        times.append(clock() - started)
    return statistics.median(times) * 1000


def interleaved(engines, batches, renders, clock=time.process_time):
    """{name: [each batch's ms per render]}: the engines take turns batch by batch, which goes
    first alternating, so that what else the machine runs lands on all of them alike."""
    names = list(engines)
    times = {name: [] for name in names}
    for batch in range(batches):
        for name in names if batch % 2 == 0 else names[::-1]:
            times[name].append(batch_ms(engines[name], renders, clock))
    return times


def summary(batches):
    """A list of batches' figures as median, best and spread (the worst less the best)."""
    return {
        "median": statistics.median(batches),
        "best": min(batches),
        "spread": max(batches) - min(batches),
    }


def paired_differences(times, minuend, subtrahend):
    """Each batch of `minuend` less the batch of `subtrahend` run beside it."""
    return [a - b for a, b in zip(times[minuend], times[subtrahend], strict=True)]


def ensure_jinja():
    """Jinja2 and MarkupSafe at PINS, in bench/.jinja (installed once per PINS), importable."""
    stamp = JINJA_DIR / (".pins-" + "-".join(PINS).replace("=", ""))
    if not stamp.exists():
        command = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*command, "--upgrade", "--target", str(JINJA_DIR), *PINS], check=True)
        stamp.touch()
    sys.path.insert(0, str(JINJA_DIR))


def environment():
    """A Jinja2 environment as Django's Jinja2 backend makes one without DEBUG, with what
    bench/film_article.jinja calls: what a template tag or filter gives is escaped unless it is
    safe (conditional_escape's rule, as Django's simple tags and filters are output)."""
    import jinja2
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.template.defaultfilters import date, linebreaks_filter
    from markupsafe import escape

    from core.templatetags.sharing import jsonld
    from films.templatetags import films_tags

    def tag(function):
        return lambda *args: escape(function(*args))

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(BENCH), autoescape=True, auto_reload=False
    )
    env.globals.update(
        cast_section=tag(films_tags.cast_section),
        crew_section=tag(films_tags.crew_section),
        accolade_rows=tag(films_tags.accolade_rows),
    )
    env.filters.update(
        link=tag(films_tags.link),
        poster_look=tag(films_tags.poster_look),
        date=tag(date),
        intcomma=tag(intcomma),
        jsonld=tag(jsonld),
        linebreaks=tag(partial(linebreaks_filter, autoescape=True)),
    )
    return env


def helpers_only(context):
    """What the article's templates call in Python, called as they call it for the seed film
    (every branch with these calls is taken for it), without any template: the part of both
    engines' times that changing the engine leaves as it is."""
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.template.defaultfilters import date, linebreaks_filter

    from core.templatetags.sharing import jsonld
    from films.templatetags.films_tags import (
        accolade_rows,
        cast_section,
        crew_section,
        link,
        poster_look,
    )

    film, page = context["film"], context["page"]
    parts = [jsonld(context["structured_data"]()), poster_look(film)]
    parts += [link(person) for person in page.directors]
    parts += [link(item) for _label, names in page.infobox_credits for item in names]
    parts += [date(film.release_date, "j F Y"), film.get_kind_display()]
    parts += [intcomma(film.box_office_amount)]
    for text in (film.plot, film.production_notes, film.reception):
        parts.append(linebreaks_filter(text, autoescape=True))
    parts += [cast_section(page.cast), crew_section(page.crew_by_role)]
    for event in page.release_events:
        parts += [date(event.date, "j F Y"), event.get_kind_display()]
    for ceremony, accolades in page.accolades_by_ceremony:
        parts += [str(ceremony), accolade_rows(accolades)]
    return "".join(parts)


def fetched_page(film):
    """The film's FilmPage with every row its article shows already read."""
    from films.views import FilmPage

    page = FilmPage(film)
    for name in (
        "alternative_titles",
        "_places_and_languages",
        "cast",
        "crew",
        "release_events",
        "quotes",
        "list_appearances",
        "directors",
        "crew_by_role",
        "infobox_credits",
        "accolades_by_ceremony",
    ):
        getattr(page, name)
    return page


def without_queries(render):
    """`render`'s output, checked to have read nothing from the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        html = render()
    if captured.captured_queries:
        sql = "\n".join(query["sql"] for query in captured.captured_queries)
        sys.exit(f"The render queried the database, so its time is not rendering only:\n{sql}")
    return html


def whole_page(args):
    """bench/profile_page.py's line for the film page built cold (its CPU per request)."""
    command = [sys.executable, str(BENCH / "profile_page.py"), f"/films/{SLUG}/"]
    command += ["--cold", "--no-profile", "--database-url", args.database_url]
    command += ["--redis-url", args.redis_url]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=200, help="Renders in a batch.")
    parser.add_argument("--batches", type=int, default=20, help="Batches of each engine.")
    parser.add_argument("--no-page", action="store_true", help="Not the whole page's figure.")
    add_database_options(parser)
    args = parser.parse_args()

    ensure_jinja()
    set_up_django(args, DJANGO_SHARED_FRAGMENTS="false")
    import jinja2
    from django.template import engines

    from core.links import site_url
    from films.models import Film

    film = Film.objects.get(slug=SLUG)
    page = fetched_page(film)
    # As the view gives it: a callable, called by the template.
    context = {
        "film": film,
        "page": page,
        "structured_data": partial(page.structured_data, site_url),
    }
    django_template = engines["django"].from_string(
        django_article(FILM_PAGE.read_text(encoding="utf-8"))
    )
    jinja_template = environment().get_template(JINJA_TEMPLATE)
    renders = {
        "Django": partial(django_template.render, context),
        "Jinja2": partial(jinja_template.render, context),
        "Helpers": partial(helpers_only, context),
    }

    django_html, jinja_html, _ = (without_queries(render) for render in renders.values())
    diff = differences(django_html, jinja_html)
    if diff:
        print("\n".join(diff))
        sys.exit("The two engines' articles differ (above): the times would not compare.")
    print(
        f"Outputs match ({len(normalised(django_html))} characters, whitespace normalised). "
        f"Jinja2 {jinja2.__version__}, {args.batches} batches of {args.renders} renders each, "
        f"interleaved."
    )

    for render in renders.values():  # warm up: first-render caches, the CPU's
        batch_ms(render, args.renders // 4 or 1)
    times = interleaved(renders, args.batches, args.renders)
    for name, batches in times.items():
        figures = summary(batches)
        print(
            f"{name:7} {figures['median']:.3f} ms/render median of batches, best "
            f"{figures['best']:.3f}, spread {figures['spread']:.3f} "
            f"({min(batches):.3f}-{max(batches):.3f})"
        )
    print("(Helpers: the Python both templates call, no template: what no engine takes off.)")
    django_ms = statistics.median(times["Django"])
    for label, minuend, subtrahend in (
        ("Saving (Django less Jinja2)", "Django", "Jinja2"),
        ("Django's engine (Django less Helpers)", "Django", "Helpers"),
        ("Jinja2's engine (Jinja2 less Helpers)", "Jinja2", "Helpers"),
    ):
        paired = paired_differences(times, minuend, subtrahend)
        print(
            f"{label}: {statistics.median(paired):.3f} ms/render, median of the batches side by "
            f"side ({statistics.median(paired) / django_ms:.0%} of Django's render), "
            f"{min(paired):.3f}-{max(paired):.3f}"
        )
    if not args.no_page:
        print(f"For scale, the whole page built cold: {whole_page(args)}")


if __name__ == "__main__":
    main()
