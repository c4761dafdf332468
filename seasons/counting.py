"""Counting ranked ballots: instant runoff for one winner, the single transferable vote for several.

Pure Python, no Django: `count(ballots, candidates, seats=1)` returns every round.

The rules, stated once:

- A ballot is a sequence of candidates, most preferred first. Candidates not in `candidates`
  and repeats of a candidate already ranked are skipped; a ballot that ranks no candidate is
  *empty* (reported, never counted).
- Each round, every ballot counts for the first candidate on it who is still *hopeful* (neither
  elected nor eliminated), at its weight (1 until it carries a surplus). A ballot with no hopeful
  candidate left is *exhausted*.
- One winner (`seats=1`, instant runoff): a hopeful candidate with more than half the votes of
  the ballots still continuing (exhausted ones left out) is elected.
- Several winners (`seats>1`, STV): the Droop quota, floor(valid ballots / (seats + 1)) + 1, is
  fixed before the first round; every hopeful candidate at or above it is elected. The surplus of
  each (votes − quota) passes on by the weighted inclusive Gregory method: every ballot the
  candidate holds goes on to its next hopeful candidate at weight × surplus / votes, exact
  fractions, no rounding. (A ballot whose next choice was elected in the same round passes over
  them: they already have the quota.)
- When no candidate is elected in a round, the hopeful candidate with the fewest votes is
  eliminated and their ballots go on at their weight.
- When the hopeful candidates are no more than the seats left, they are all elected.
- Ties (who is eliminated, in which order candidates elected together are listed) are broken by:
  1. the votes in the previous round, then the one before, back to the first preferences
     (fewest is eliminated);
  2. then `priority` (a candidate's sort key, e.g. when it was suggested): the later one is
     eliminated, the earlier one kept;
  3. then lot: the one with the lowest SHA-256 of `seed` and its id is eliminated. The same
     ballots, seed and priorities always give the same result.
- With no valid ballot, nobody is elected.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial

EXHAUSTED = None  # the key of the exhausted ballots in a round's transfers

# What Round.tie says when a tie rule decided the round (stored with a season's results).
TIE_EARLIER_ROUND = "fewest votes in an earlier round"
TIE_SUGGESTED_LATER = "suggested later"
TIE_LOT = "lot"
TIE_ELECTED_TOGETHER = "elected together: order by the tie rule"


@dataclass(frozen=True)
class Round:
    number: int
    votes: dict  # every candidate not yet eliminated → votes (Fraction), elected ones included
    exhausted: Fraction  # weight of the ballots with no hopeful candidate left
    threshold: Fraction  # votes that elect this round (more than: one seat; at least: several)
    elected: tuple = ()
    eliminated: tuple = ()
    transfers: dict = field(default_factory=dict)  # candidate or EXHAUSTED → weight moved on
    tie: str = ""  # which tie rule decided this round, if one did


@dataclass(frozen=True)
class Result:
    seats: int
    candidates: tuple
    valid: int  # ballots ranking at least one candidate
    empty: int  # ballots ranking none
    rounds: tuple
    elected: tuple  # in the order elected

    def as_data(self, name=lambda candidate: candidate):
        """Plain JSON-ready data (lists, no mappings, so candidates keep their type), votes as
        numbers rounded to two places, candidates as `name` gives them."""

        def number(value):
            return round(float(value), 2)

        return {
            "seats": self.seats,
            "valid": self.valid,
            "empty": self.empty,
            "elected": [name(candidate) for candidate in self.elected],
            "rounds": [
                {
                    "number": r.number,
                    "votes": [[name(c), number(v)] for c, v in r.votes.items()],
                    "exhausted": number(r.exhausted),
                    "threshold": number(r.threshold),
                    "elected": [name(c) for c in r.elected],
                    "eliminated": [name(c) for c in r.eliminated],
                    "transfers": [
                        [None if c is EXHAUSTED else name(c), number(v)]
                        for c, v in r.transfers.items()
                    ],
                    "tie": r.tie,
                }
                for r in self.rounds
            ],
        }


def lot(seed, candidate):
    return hashlib.sha256(f"{seed}:{candidate}".encode()).hexdigest()


class _Count:
    def __init__(self, ballots, candidates, seats, priority, seed):
        if seats < 1:
            raise ValueError("At least one seat.")
        self.candidates = tuple(dict.fromkeys(candidates))
        known = set(self.candidates)
        self.seats = seats
        self.priority = priority or {}
        self.seed = seed
        groups = Counter()
        self.empty = 0
        for ballot in ballots:
            ranking = tuple(dict.fromkeys(c for c in ballot if c in known))
            if ranking:
                groups[ranking] += 1
            else:
                self.empty += 1
        self.valid = sum(groups.values())
        # Identical rankings travel together: [ranking, weight, position of the current choice].
        self.parcels = [[ranking, Fraction(n), 0] for ranking, n in groups.items()]
        self.hopeful = set(self.candidates)
        self.elected = []
        self.history = []  # each round's votes, for the tie rule
        self.exhausted = Fraction(0)
        self.piles = {candidate: [] for candidate in self.candidates}
        for parcel in self.parcels:
            self.piles[parcel[0][0]].append(parcel)
        self.kept = {}  # elected candidate → votes they keep

    def votes(self):
        return {
            c: self.kept[c] if c in self.kept else sum((p[1] for p in self.piles[c]), Fraction(0))
            for c in self.candidates
            if c in self.hopeful or c in self.kept
        }

    def order_for_elimination(self, tied):
        """`tied` sorted so that the first is the one to eliminate, and the rule that decided."""
        rule = ""
        for earlier in reversed(self.history[:-1]):
            fewest = min(earlier.get(c, 0) for c in tied)
            narrowed = [c for c in tied if earlier.get(c, 0) == fewest]
            if len(narrowed) < len(tied):
                rule = TIE_EARLIER_ROUND
                tied = narrowed
            if len(tied) == 1:
                return tied, rule
        missing = object()
        keyed = [c for c in tied if self.priority.get(c, missing) is not missing]
        if len(keyed) == len(tied):
            latest = max(self.priority[c] for c in tied)
            narrowed = [c for c in tied if self.priority[c] == latest]
            if len(narrowed) < len(tied):
                rule = TIE_SUGGESTED_LATER
                tied = narrowed
            if len(tied) == 1:
                return tied, rule
        return sorted(tied, key=lambda c: lot(self.seed, c)), TIE_LOT

    def ranked(self, candidates, votes):
        """Most votes first; ties in the reverse of the elimination order."""
        by_votes = {}
        for c in candidates:
            by_votes.setdefault(votes[c], []).append(c)
        ordered = []
        for value in sorted(by_votes, reverse=True):
            group = by_votes[value]
            ordered += (
                list(reversed(self.order_for_elimination(group)[0])) if len(group) > 1 else group
            )
        return ordered

    def move_on(self, candidate, factor):
        """Send the ballots `candidate` holds to their next hopeful choice, weight × factor."""
        moved = {}
        for parcel in self.piles[candidate]:
            ranking = parcel[0]
            parcel[1] *= factor
            position = parcel[2] + 1
            while position < len(ranking) and ranking[position] not in self.hopeful:
                position += 1
            parcel[2] = position
            target = ranking[position] if position < len(ranking) else EXHAUSTED
            if target is EXHAUSTED:
                self.exhausted += parcel[1]
            else:
                self.piles[target].append(parcel)
            if parcel[1]:
                moved[target] = moved.get(target, Fraction(0)) + parcel[1]
        self.piles[candidate] = []
        return moved

    def run(self):
        rounds = []
        quota = Fraction(self.valid // (self.seats + 1) + 1)
        while self.valid and len(self.elected) < self.seats and self.hopeful:
            votes = self.votes()
            exhausted = self.exhausted
            self.history.append(votes)
            hopeful_votes = {c: votes[c] for c in self.candidates if c in self.hopeful}
            seats_left = self.seats - len(self.elected)
            if self.seats == 1:
                threshold = sum(hopeful_votes.values()) / 2
                reached = [c for c, v in hopeful_votes.items() if v > threshold]
            else:
                threshold = quota
                reached = [c for c, v in hopeful_votes.items() if v >= quota]
            this_round = partial(Round, len(rounds) + 1, votes, exhausted, threshold)
            if len(hopeful_votes) <= seats_left or reached:
                everyone = len(hopeful_votes) <= seats_left and not reached
                chosen = self.ranked(list(hopeful_votes) if everyone else reached, votes)
                tie = ""
                values = [votes[c] for c in chosen]
                if len(set(values)) < len(values):
                    tie = TIE_ELECTED_TOGETHER
                for c in chosen:
                    self.hopeful.discard(c)
                    self.elected.append(c)
                    self.kept[c] = min(votes[c], threshold) if self.seats > 1 else votes[c]
                transfers = {}
                if len(self.elected) < self.seats:
                    for c in chosen:
                        surplus = votes[c] - self.kept[c]
                        factor = surplus / votes[c] if votes[c] else Fraction(0)
                        for target, weight in self.move_on(c, factor).items():
                            transfers[target] = transfers.get(target, Fraction(0)) + weight
                rounds.append(this_round(elected=tuple(chosen), transfers=transfers, tie=tie))
                continue
            fewest = min(hopeful_votes.values())
            tied = [c for c, v in hopeful_votes.items() if v == fewest]
            order, rule = self.order_for_elimination(tied) if len(tied) > 1 else (tied, "")
            loser = order[0]
            self.hopeful.discard(loser)
            transfers = self.move_on(loser, Fraction(1))
            rounds.append(this_round(eliminated=(loser,), transfers=transfers, tie=rule))
        return Result(
            seats=self.seats,
            candidates=self.candidates,
            valid=self.valid,
            empty=self.empty,
            rounds=tuple(rounds),
            elected=tuple(self.elected),
        )


def count(ballots, candidates, seats=1, *, priority=None, seed=""):
    """Count `ballots` (iterables of candidates, most preferred first) for `seats` winners among
    `candidates` by the rules of this module; `priority` maps a candidate to a sort key (earlier
    is kept in a tie), `seed` makes the lot."""
    return _Count(ballots, candidates, seats, priority, seed).run()
