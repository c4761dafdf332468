"""`pip install .` builds a wheel with everything the site needs: every package (migrations,
management commands, template tags), the apps' static files, and the project's templates/ and seeds/
(mapped into filmclub/). bin/readme-check builds the wheel and lists it; this keeps the list in
pyproject.toml complete when a package is added."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_SHIPPED = {"bench"}  # the benchmark's code, run from a checkout only


def test_every_package_of_the_project_is_in_the_wheel():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    top = [
        init.parent for init in ROOT.glob("*/__init__.py") if init.parent.name not in NOT_SHIPPED
    ]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for package in top
        for init in package.rglob("__init__.py")
        if "tests" not in init.parts
    }

    assert found - set(setuptools["packages"]) == set()
    assert setuptools["package-dir"] == {
        "filmclub.templates": "templates",
        "filmclub.seeds": "seeds",
    }
