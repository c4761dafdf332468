"""The club's templates stay readable: no line over 120 characters.

A long line of markup is wrapped between attributes or block elements, or, where its text must
not change (inline text, mail text), inside {% oneline %} (core/templatetags/oneline.py).
The few lines below are kept whole, each for its reason; a new long line is wrapped, not added.
"""

from pathlib import Path

from django.conf import settings
from django.template import engines

LIMIT = 120

KEPT_WHOLE = {
    # A page's description: prose that goes into <meta name="description" content="…">, where a
    # line break would be part of the attribute's value.
    "templates/screenings/screening_detail.html": "{% block description %}{{ screening.title }} at",
    "templates/search/results.html": "{% block description %}Search the club's films, people,",
    # One <img> tag, 127 characters before its indentation, whose exact attributes the poster
    # tests read; a tag can only be wrapped at a space between its attributes.
    "templates/includes/film_card.html": '<img class="poster" src="{{ film.poster_card.url }}"',
}


def template_dirs():
    """The project's own template directories (settings' DIRS and its apps' templates/), not
    those of installed packages."""
    root = Path(settings.BASE_DIR).resolve()
    for directory in engines["django"].template_dirs:
        directory = Path(directory).resolve()
        if directory.is_relative_to(root) and "site-packages" not in directory.parts:
            yield directory


def long_lines():
    root = Path(settings.BASE_DIR).resolve()
    for directory in template_dirs():
        for path in sorted(directory.rglob("*")):
            if not path.is_file() or path.suffix not in {".html", ".txt", ".xml"}:
                continue
            name = path.relative_to(root).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if len(line) > LIMIT:
                    yield name, number, line


def test_the_template_directories_are_found():
    assert Path(settings.BASE_DIR).resolve() / "templates" in list(template_dirs())


def test_no_template_line_is_over_120_characters():
    too_long = [
        f"{name}:{number}: {len(line)} characters"
        for name, number, line in long_lines()
        if not line.strip().startswith(KEPT_WHOLE.get(name, "\0"))
    ]
    assert not too_long, "Wrap these template lines (see {% oneline %}):\n" + "\n".join(too_long)


def test_each_line_kept_whole_is_still_there_and_still_long():
    kept = {
        name
        for name, _, line in long_lines()
        if line.strip().startswith(KEPT_WHOLE.get(name, "\0"))
    }
    assert kept == set(KEPT_WHOLE)
