"""Writes while the benchmark reads: a comment by the bench member every --interval seconds.

Run by bench/run.py with the server's environment. Each comment is saved through the ORM, so it
makes stale what shows its review (the review's page, lists with its card), as a member's comment
on the site would. It goes on a review that none of the measured pages shows (not the long thread,
not the popular film's), so the pages keep their size. SIGUSR1 pauses it, SIGUSR2 resumes it
(bench/run.py measures each page without and with writes back to back). When stopped (SIGTERM)
it deletes what it wrote and prints how many comments it wrote.
"""

import argparse
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from run import (  # noqa: E402
    BENCH_EMAIL,
    DIARIST,
    LONG_REVIEW_SLUG,
    POPULAR_FILM_SLUG,
    SEED_FILM_SLUG,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--paused", action="store_true", help="Wait for SIGUSR2 to start.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmclub.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from reviews.models import Comment, Review

    member = get_user_model().objects.get(email=BENCH_EMAIL)
    review = (
        Review.objects.published()
        .with_text()
        .exclude(slug=LONG_REVIEW_SLUG)
        .exclude(film__slug__in=[POPULAR_FILM_SLUG, SEED_FILM_SLUG])
        .exclude(author__username=DIARIST)
        .order_by("published_at", "pk")
        .first()
    )
    stopping, paused = [], [args.paused]
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGUSR1, lambda *_: paused.__setitem__(0, True))
    signal.signal(signal.SIGUSR2, lambda *_: paused.__setitem__(0, False))
    written = []
    print("ready", flush=True)
    try:
        while not stopping:
            if paused[0]:
                time.sleep(0.05)
                continue
            started = time.monotonic()
            comment = Comment.objects.create(
                review=review, author=member, body=f"Benchmark write {len(written) + 1}."
            )
            written.append(comment.pk)
            while not stopping and time.monotonic() - started < args.interval:
                time.sleep(0.05)
    finally:
        Comment.objects.filter(pk__in=written).delete()
    print(f"wrote {len(written)}", flush=True)


if __name__ == "__main__":
    main()
