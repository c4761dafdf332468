"""The peer of issue 15: the seed's encyclopedia article as a Wagtail page, served by gunicorn
like the site, so that bench/run.py measures it in the same run with the same wrk.

`build(workdir)` makes (once) a virtual environment of its own, bench/.venv-peer (ignored by git;
Wagtail is not a dependency of filmclub), with Wagtail, Django and gunicorn at PINS; then, in
`workdir`, a minimal Wagtail project: an ArticlePage whose body is a StreamField (headings,
rich-text paragraphs, lists as rich text, the accolades as a table), SQLite, production settings
(DEBUG off, Wagtail's usual middleware), and one published page holding the article.

The article is the seed's (the encyclopedia text in ../shared/seeds, its first line `= Title =`);
where that folder is missing, the seed film's own texts in seeds/010_catalogue.json (synopsis,
plot, production, reception) are the article.

    .venv/bin/python bench/peer.py /tmp/peer   # builds it and prints the page's path
"""

import html
import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv-peer"
# Wagtail's long-term-support release, on the Django and gunicorn versions filmclub runs (this
# module runs in the project's environment: bench/run.py imports it).
PINS = (
    "wagtail==7.0.10",
    f"django=={importlib.metadata.version('django')}",
    f"gunicorn=={importlib.metadata.version('gunicorn')}",
)
ARTICLE_SLUG = "comrades-almost-a-love-story"
PATH = f"/{ARTICLE_SLUG}/"

MODELS = """from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page


class TableBlock(blocks.StructBlock):
    rows = blocks.ListBlock(blocks.ListBlock(blocks.CharBlock(required=False)))

    class Meta:
        template = "articles/table_block.html"


class ArticlePage(Page):
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
            ("table", TableBlock()),
        ],
        use_json_field=True,
    )
"""

SETTINGS = """import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("PEER_SECRET_KEY", "peer-bench-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "articles",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "peersite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "peersite.wsgi.application"
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "peer.sqlite3"}
}
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_ROOT = BASE_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
WAGTAIL_SITE_NAME = "peer"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
"""

URLS = """from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [path("", include(wagtail_urls))]
"""

WSGI = """import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings")
application = get_wsgi_application()
"""

PAGE_TEMPLATE = """{% load wagtailcore_tags %}<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ page.title }}</title>
  <meta name="description" content="{{ page.search_description }}">
</head>
<body>
<header><nav><a href="/">Home</a></nav></header>
<main>
  <article>
    <h1>{{ page.title }}</h1>
    {% for block in page.body %}
      {% if block.block_type == "heading" %}<h2>{{ block.value }}</h2>
      {% else %}{% include_block block %}{% endif %}
    {% endfor %}
  </article>
</main>
<footer><p>Last published {{ page.last_published_at|date:"j F Y" }}</p></footer>
</body>
</html>
"""

TABLE_TEMPLATE = """<table>
  {% for row in value.rows %}
  <tr>{% for cell in row %}
    {% if forloop.parentloop.first %}<th>{{ cell }}</th>{% else %}<td>{{ cell }}</td>{% endif %}
  {% endfor %}</tr>
  {% endfor %}
</table>
"""

CREATE_PAGE = """
import json, sys
import django
django.setup()
from wagtail.models import Page, Site
from articles.models import ArticlePage

title, slug, blocks = json.load(sys.stdin)
home = Site.objects.get(is_default_site=True).root_page
home.get_children().filter(slug=slug).delete()
page = ArticlePage(title=title, slug=slug, search_description=title, body=blocks)
home.add_child(instance=page)
page.save_revision().publish()
"""


def article_text():
    """The seed's encyclopedia article (its first line `= Title =`), or None."""
    for folder in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"):
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            text = path.read_text(encoding="utf-8")
            if text.startswith("= "):
                return text
    return None


def seed_film_article():
    """The seed film's texts from seeds/010_catalogue.json, as an article."""
    records = json.loads((ROOT / "seeds" / "010_catalogue.json").read_text(encoding="utf-8"))
    film = next(r["fields"] for r in records if r["model"] == "films.film")
    parts = [f"= {film['title']} =", "", film["synopsis"]]
    for heading, field in (
        ("Plot", "plot"),
        ("Production", "production_notes"),
        ("Reception", "reception"),
    ):
        if film.get(field):
            parts += ["", f"=={heading}==", film[field]]
    return "\n".join(parts)


def paragraph(text):
    return f"<p>{html.escape(text)}</p>"


def blocks_of(text):
    """(title, StreamField blocks) of an article: `==Heading==` lines, paragraphs, `- item`
    runs as a list, `| a | b |` runs as a table."""
    lines = text.splitlines()
    title = lines[0].strip("= ").strip()
    blocks, items, rows = [], [], []

    def flush():
        if items:
            listed = "".join(f"<li>{html.escape(item)}</li>" for item in items)
            blocks.append({"type": "paragraph", "value": f"<ul>{listed}</ul>"})
            items.clear()
        if rows:
            blocks.append({"type": "table", "value": {"rows": [list(r) for r in rows]}})
            rows.clear()

    for line in lines[1:]:
        line = line.strip()
        heading = re.fullmatch(r"==+\s*(.*?)\s*==+", line)
        if line.startswith("- "):
            items.append(line[2:])
            continue
        if line.startswith("|") and line.endswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        flush()
        if heading:
            blocks.append({"type": "heading", "value": heading.group(1)})
        elif line:
            blocks.append({"type": "paragraph", "value": paragraph(line)})
    flush()
    return title, blocks


def ensure_venv():
    """bench/.venv-peer with PINS, made with the project's uv and Python (once per PINS)."""
    stamp = VENV / (".pins-" + "-".join(PINS).replace("=", "").replace("/", ""))
    if stamp.exists():
        return VENV
    uv, python = ROOT / ".venv" / "bin" / "uv", ROOT / ".venv" / "bin" / "python"
    subprocess.run([str(uv), "venv", "-q", "--allow-existing", str(VENV), "--python", str(python)],
                   check=True)  # fmt: skip
    env = {**os.environ, "VIRTUAL_ENV": str(VENV)}
    subprocess.run([str(uv), "pip", "install", "-q", *PINS], check=True, env=env)
    stamp.touch()
    return VENV


def write_project(site):
    files = {
        "manage.py": "import os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'peersite.settings')\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(sys.argv)\n",
        "peersite/__init__.py": "",
        "peersite/settings.py": SETTINGS,
        "peersite/urls.py": URLS,
        "peersite/wsgi.py": WSGI,
        "articles/__init__.py": "",
        "articles/models.py": MODELS,
        "articles/migrations/__init__.py": "",
        "articles/templates/articles/article_page.html": PAGE_TEMPLATE,
        "articles/templates/articles/table_block.html": TABLE_TEMPLATE,
    }
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build(workdir):
    """Make the peer site in `workdir`/peer; return (its gunicorn, its folder, the page's
    path, the article's title)."""
    venv = ensure_venv()
    python = venv / "bin" / "python"
    site = Path(workdir) / "peer"
    write_project(site)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "peersite.settings"}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    for command in (["makemigrations", "articles", "-v0"], ["migrate", "-v0"]):
        subprocess.run([str(python), "manage.py", *command], cwd=site, env=env, check=True)
    title, blocks = blocks_of(article_text() or seed_film_article())
    subprocess.run(
        [str(python), "-c", CREATE_PAGE],
        cwd=site,
        env=env,
        input=json.dumps([title, ARTICLE_SLUG, blocks]),
        text=True,
        check=True,
    )
    return venv / "bin" / "gunicorn", site, PATH, title


if __name__ == "__main__":
    gunicorn, site, path, title = build(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
    print(f"{title}: serve with {gunicorn} peersite.wsgi --chdir {site}, then GET {path}")
