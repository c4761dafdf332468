"""Profile one page as the benchmark member, in-process.

`.venv/bin/python bench/profile_page.py /films/` (`--queries` also lists one request's SQL and
their times; `--cold` builds every part afresh, as bin/bench's "signed in, no fragments" does, and
`--no-cache` keeps nothing at all, values included; `--no-profile` prints the figures only;
`--dump FILE` saves the profile for pstats; `--only REGEX` lists only the functions whose path
and name match, e.g. `--only '/films/'`;
`--database-url` and `--redis-url` point it at a benchmark database and Redis db of your own)

Runs the page through Django's test client against the benchmark database (production settings,
Redis db 7 as the cache, the page cache bypassed by the member's session), warms it up, then
prints the mean wall time and server CPU time (time.process_time) per request and cProfile's top
functions by cumulative and own time.
Not a test: a tool for finding what a page spends its time on.
"""

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, for bench.*
from bench.inprocess import add_database_options, set_up_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="e.g. /films/")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--anonymous", action="store_true", help="Do not sign in.")
    parser.add_argument(
        "--queries", action="store_true", help="Also list one request's SQL and its times."
    )
    parser.add_argument(
        "--cold", action="store_true", help="Shared fragments off (DJANGO_SHARED_FRAGMENTS=false)."
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="Nothing cached (DJANGO_PAGE_CACHE_SECONDS=0)."
    )
    parser.add_argument("--no-profile", action="store_true", help="Only the figures.")
    parser.add_argument(
        "--only", metavar="REGEX", help="List only the functions whose file and name match."
    )
    parser.add_argument(
        "--dump", metavar="FILE", help="Also save the profile, for pstats (print_callers...)."
    )
    add_database_options(parser)
    args = parser.parse_args()

    environment = {}
    if args.cold:
        environment["DJANGO_SHARED_FRAGMENTS"] = "false"
    if args.no_cache:
        environment["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    set_up_django(args, **environment)
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(secure=True)
    if not args.anonymous:
        client.force_login(get_user_model().objects.get(username="bench"))
    for _ in range(5):
        response = client.get(args.path)
        assert response.status_code == 200, response.status_code

    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.requests):
        client.get(args.path)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{args.path}: {cpu / args.requests * 1000:.2f} ms of CPU, "
        f"{elapsed / args.requests * 1000:.2f} ms wall per request (in-process)"
    )

    if args.queries:
        print_queries(client, args.path)
    if args.no_profile:
        return

    profiler = cProfile.Profile(time.process_time)  # CPU time: not the waits for the database
    profiler.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profiler.disable()
    if args.dump:
        profiler.dump_stats(args.dump)
    stats = pstats.Stats(profiler)
    if not args.only:  # the whole paths, for --only to match
        stats.strip_dirs()
    restrictions = [args.only] if args.only else []
    stats.sort_stats("cumulative").print_stats(*restrictions, args.top)
    stats.sort_stats("tottime").print_stats(*restrictions, args.top)


def print_queries(client, path):
    """One request's queries, slowest first, with the time the database call took."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    total = sum(float(query["time"]) for query in queries)
    print(f"{len(queries)} queries, {total * 1000:.1f} ms in the database calls:")
    for query in queries:
        print(f"  {float(query['time']) * 1000:7.2f} ms  {query['sql'][:300]}")
    print()


if __name__ == "__main__":
    main()
