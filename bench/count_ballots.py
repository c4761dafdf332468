"""Counting a season of 5,000 ballots, in-process: `.venv/bin/python bench/count_ballots.py`.

Ballots are drawn with a fixed seed (rankings of 12 shortlisted films, each ballot ranking 1 to
12 of them, with a few favourites more popular), then counted by instant runoff (1 slot) and by
STV (3 slots), five times each; the best time of each is printed. No database: this is the
count itself (seasons.counting); reading 5,000 ballot rows adds one query.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seasons.counting import count

BALLOTS = 5_000
FILMS = 12


def ballots(number=BALLOTS, films=FILMS, seed=19):
    rng = random.Random(seed)
    weights = [1 + (films - n) ** 1.5 for n in range(films)]
    drawn = []
    for _ in range(number):
        pool, ranking = list(range(films)), []
        for _ in range(rng.randint(1, films)):
            choice = rng.choices(pool, weights=[weights[c] for c in pool])[0]
            pool.remove(choice)
            ranking.append(choice)
        drawn.append(ranking)
    return drawn


def best_time(function, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    drawn = ballots()
    for seats in (1, 3):
        seconds, result = best_time(lambda s=seats: count(drawn, range(FILMS), seats=s))
        print(
            f"{BALLOTS:,} ballots, {FILMS} films, {seats} slot{'s' if seats > 1 else ''}: "
            f"{seconds * 1000:.1f} ms, {len(result.rounds)} rounds, elected {result.elected}"
        )


if __name__ == "__main__":
    main()
