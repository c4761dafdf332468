"""The site search's queries at the benchmark's scale (issue 18), for bench/run.py:
`.venv/bin/python bench/search_probe.py` with DATABASE_URL set prints one JSON line.

- The broad query: of the generated data's words (bench/generate.py's vocabulary), the one whose
  matches are nearest to BROAD_SHARE of the catalogue (as the catalogue's search matches a film:
  films.search), with the share it matches; the selective one is SELECTIVE, a title's words.
- For each, on PostgreSQL, EXPLAIN (ANALYZE) of every query the search page's groups run
  (search.groups.Results, each group read as the page reads it, its SQL captured as executed),
  the indexes each plan reads and its execution time. A value the site keeps (the public
  members' ids) is built here, as on the first search after a member, review or comment changes.
"""

import json
import os
import re
import sys
from pathlib import Path

import django

# A query matching this share of the catalogue (issue 18: "a query matching 57 % of the
# catalogue is no slower than a selective one by more than a factor of 3").
BROAD_SHARE = 0.57
SELECTIVE = "love story"
# The search page's groups (search.groups.Results), in the page's order.
GROUPS = ("films", "people", "reviews", "venues", "screenings", "members")


def candidate_words():
    """The generated titles' and names' words, and "love" (a title word of many films)."""
    from bench import generate

    words = ["love"]
    for vocabulary in (
        generate.FIRST_NAMES,
        generate.LAST_NAMES,
        generate.NOUNS,
        generate.ADJECTIVES,
        generate.PLACES,
    ):
        words += [word.lower() for word in vocabulary]
    return list(dict.fromkeys(words))


def nearest(shares, target):
    """The query whose share is nearest `target` (the first of equals, in `shares`' order)."""
    return min(shares, key=lambda query: abs(shares[query] - target))


def index_names(plan):
    """The indexes a plan's text reads."""
    names = []
    for line in plan.splitlines():
        for marker in (" Index Scan on ", " Index Scan using ", " Index Only Scan using "):
            if marker in line:
                names.append(line.split(marker, 1)[1].split()[0])
    return list(dict.fromkeys(names))


def execution_ms(plan):
    found = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return float(found.group(1)) if found else None


def explained_sql(sql):
    """EXPLAIN (ANALYZE) of a query the page ran (its SQL as executed, parameters bound)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return {"plan": plan, "indexes": index_names(plan), "ms": execution_ms(plan)}


def group_queries(query):
    """{group: [EXPLAIN of each SELECT it ran]} for the search page's groups (Results), each
    read as the page reads it; on PostgreSQL only (elsewhere, no plans)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.groups import Results

    results = Results(query)
    found = {}
    for group in GROUPS:
        with CaptureQueriesContext(connection) as captured:
            getattr(results, group)
        selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
        if connection.vendor == "postgresql":
            found[group] = [explained_sql(sql) for sql in selects]
        else:
            found[group] = []
    return found


def probe():
    from films.models import Film

    total = Film.objects.count()
    shares = {word: Film.objects.search(word).count() / total for word in candidate_words()}
    broad = nearest(shares, BROAD_SHARE)
    report = {"films": total, "queries": {}}
    for kind, query in (("broad", broad), ("selective", SELECTIVE)):
        matches = Film.objects.search(query).count()
        report["queries"][kind] = {
            "query": query,
            "matches": matches,
            "share": matches / total,
            "explain": group_queries(query),
        }
    return report


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    print(json.dumps(probe()))


if __name__ == "__main__":
    main()
