"""Layers point down: core knows no app, the catalogue (films) knows no other app, reviews and
screenings know films and core but not each other, members (profiles, member pages, sign-up)
knows those below it and nothing knows members, notifications (mail and the inbox) knows them
and listens to their signals, the site's search (search) knows all of those but notifications,
nothing knows members, notifications or search, and only the project package (filmclub, which
wires settings, URLs and the home page) may import them all. No two modules import each other."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "core",
    "films",
    "reviews",
    "screenings",
    "members",
    "seasons",
    "notifications",
    "search",
    "filmclub",
]
# What each package may import of the project's own packages (besides itself).
MAY_IMPORT = {
    "core": set(),
    "films": {"core"},
    "reviews": {"core", "films"},
    "screenings": {"core", "films"},
    "members": {"core", "films", "reviews", "screenings"},
    "search": {"core", "films", "reviews", "screenings", "members"},
    # Seasons sit above what they use: the catalogue, screenings and (programme notes) reviews.
    "seasons": {"core", "films", "reviews", "screenings"},
    "notifications": {"core", "films", "reviews", "screenings"},
    "filmclub": set(PACKAGES) - {"filmclub"},  # it wires them all
}


def modules():
    """{module name: path} of the project's code (tests and migrations left out)."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports_of(name, path):
    """The project's modules `name` imports, anywhere in its code (inside functions too)."""
    project = set(PACKAGES) | {"bench"}
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module)
            imported.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {module for module in imported if module.split(".")[0] in project}


MODULES = modules()
GRAPH = {
    name: {module for module in imports_of(name, path) if module in MODULES and module != name}
    for name, path in MODULES.items()
}


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_the_layers_below_it(package):
    wrong = sorted(
        f"{name} imports {module}"
        for name, path in MODULES.items()
        if name.split(".")[0] == package
        for module in imports_of(name, path)
        if module.split(".")[0] not in MAY_IMPORT[package] | {package}
    )

    assert wrong == []


def test_no_two_modules_import_each_other():
    def cycle_from(start):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for following in GRAPH[node]:
                if following == start:
                    return path
                if following not in seen:
                    seen.add(following)
                    stack.append((following, [*path, following]))
        return None

    cycles = {tuple(sorted(cycle)) for name in GRAPH if (cycle := cycle_from(name))}

    assert sorted(cycles) == []


def test_no_model_form_or_queryset_calls_the_cache():
    """Views and templates decide what is cached (core.pagecache); the data layer does not."""
    callers = sorted(
        name
        for name, path in MODULES.items()
        if name.rsplit(".", 1)[-1] in {"models", "forms", "search"}
        and {"core.pagecache", "core.tagstore"} & imports_of(name, path)
    )

    assert callers == []
