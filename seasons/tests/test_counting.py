"""The count, apart from Django: textbook examples with known winners, and its edge cases."""

from hypothesis import given
from hypothesis import strategies as st

from seasons.counting import EXHAUSTED, count


def ballots(*groups):
    """ballots((42, "MNCK"), ...) → 42 ballots ranking M, N, C, K."""
    return [list(ranking) for number, ranking in groups for _ in range(number)]


# Wikipedia's Tennessee capital: Memphis 42 %, Nashville 26 %, Chattanooga 15 %, Knoxville 17 %.
TENNESSEE = ballots((42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM"))


def test_tennessee_knoxville_wins_instant_runoff():
    result = count(TENNESSEE, "MNCK")

    assert result.elected == ("K",)
    assert [r.eliminated for r in result.rounds] == [("C",), ("N",), ()]
    assert [dict(r.votes) for r in result.rounds] == [
        {"M": 42, "N": 26, "C": 15, "K": 17},
        {"M": 42, "N": 26, "K": 32},
        {"M": 42, "K": 58},
    ]
    assert result.rounds[0].transfers == {"K": 15}
    assert result.rounds[1].transfers == {"K": 26}
    assert result.rounds[2].elected == ("K",)


def test_a_first_round_majority_wins_at_once():
    result = count(ballots((6, "AB"), (4, "BA")), "AB")

    assert result.elected == ("A",)
    assert len(result.rounds) == 1
    assert result.rounds[0].threshold == 5


def test_exhausted_ballots_leave_the_majority_count():
    # C goes first and their 3 ballots rank nobody else: the majority is of the 8 left.
    result = count(
        ballots((4, "A"), (3, "B"), (3, "C"), (1, "BA")), "ABC", priority={"A": 1, "B": 2, "C": 3}
    )

    assert result.rounds[0].eliminated == ("C",)
    assert result.rounds[0].transfers == {EXHAUSTED: 3}
    assert result.rounds[1].exhausted == 3
    assert result.rounds[1].threshold == 4
    assert dict(result.rounds[1].votes) == {"A": 4, "B": 4}
    assert result.rounds[1].eliminated == ("B",)
    assert result.rounds[1].transfers == {EXHAUSTED: 3, "A": 1}
    assert dict(result.rounds[2].votes) == {"A": 5}
    assert result.rounds[2].exhausted == 6
    assert result.elected == ("A",)


def test_a_tie_for_last_place_goes_by_the_previous_round():
    # Round 1: A 7, B 4, X 3, D 1; D's ballot goes to X: B and X have 4 each in round 2, and X
    # had fewer in round 1.
    result = count(ballots((7, "A"), (4, "B"), (3, "X"), (1, "DX")), "ABXD")

    assert result.rounds[0].eliminated == ("D",)
    assert dict(result.rounds[1].votes) == {"A": 7, "B": 4, "X": 4}
    assert result.rounds[1].eliminated == ("X",)
    assert result.rounds[1].tie == "fewest votes in an earlier round"
    assert result.elected == ("A",)


def test_a_tie_with_no_earlier_round_goes_to_the_earlier_suggestion():
    result = count(ballots((2, "A"), (2, "B")), "AB", priority={"A": 1, "B": 2})

    assert result.rounds[0].eliminated == ("B",)
    assert result.rounds[0].tie == "suggested later"
    assert result.elected == ("A",)


def test_a_tie_without_priorities_goes_by_a_seeded_lot_the_same_every_time():
    results = {count(ballots((1, "A"), (1, "B")), "AB", seed="summer").elected for _ in range(5)}
    other_seeds = {count(ballots((1, "A"), (1, "B")), "AB", seed=s).elected for s in "abcdefgh"}

    assert len(results) == 1
    assert count(ballots((1, "A"), (1, "B")), "AB", seed="summer").rounds[0].tie == "lot"
    assert other_seeds == {("A",), ("B",)}


def test_one_candidate_is_elected_by_any_ballot():
    result = count([["A"]], ["A"])

    assert result.elected == ("A",)
    assert len(result.rounds) == 1


def test_no_ballots_elect_nobody():
    result = count([], ["A", "B"])

    assert result.elected == ()
    assert result.rounds == ()
    assert result.valid == 0


def test_empty_ballots_and_unknown_candidates_are_not_counted():
    result = count([[], ["Z"], ["Z", "A", "A"], ["B"]], ["A", "B"])

    assert result.empty == 2
    assert result.valid == 2
    assert dict(result.rounds[0].votes) == {"A": 1, "B": 1}


def test_stv_droop_quota_and_gregory_surplus():
    # 3 seats, 20 ballots: quota floor(20 / 4) + 1 = 6. A has 12: a surplus of 6, half of each
    # of A's ballots goes on (8 to B, 4 to C at 1/2: B +4, C +2).
    result = count(ballots((8, "AB"), (4, "AC"), (2, "B"), (3, "C"), (3, "D")), "ABCD", seats=3)

    first = result.rounds[0]
    assert first.threshold == 6
    assert first.elected == ("A",)
    assert first.transfers == {"B": 4, "C": 2}
    second = result.rounds[1]
    assert dict(second.votes) == {"A": 6, "B": 6, "C": 5, "D": 3}
    assert second.elected == ("B",)
    assert result.elected == ("A", "B", "C")


def test_stv_several_winners_of_a_film_season():
    # 4 films, 2 slots, quota floor(9 / 3) + 1 = 4: A is elected with no surplus, then D and B
    # go, and C has 5.
    result = count(ballots((4, "AB"), (2, "BC"), (2, "CB"), (1, "DC")), "ABCD", seats=2)

    assert result.rounds[0].elected == ("A",)
    assert [r.eliminated for r in result.rounds[1:3]] == [("D",), ("B",)]
    assert result.elected == ("A", "C")


def test_a_majority_first_choice_wins_stv_for_one_seat_too():
    result = count(ballots((3, "ABC"), (2, "BCA")), "ABC", seats=1)

    assert result.elected == ("A",)


candidate_names = st.sampled_from("ABCDEF")
a_ballot = st.lists(candidate_names, unique=True, max_size=6)


@given(
    winner=candidate_names,
    majority=st.lists(a_ballot, min_size=1, max_size=40),
    minority=st.lists(a_ballot, max_size=40),
)
def test_a_candidate_ranked_first_by_a_majority_always_wins(winner, majority, minority):
    firsts = [[winner, *[c for c in b if c != winner]] for b in majority]
    others = [[c for c in b if c != winner] or ["F" if winner != "F" else "E"] for b in minority]
    others = others[: len(firsts) - 1]  # the first choices of winner are more than half

    result = count(firsts + others, "ABCDEF", seed="property")

    assert result.elected == (winner,)


@given(ballots=st.lists(a_ballot, max_size=60), seats=st.integers(1, 4))
def test_every_count_ends_and_fills_at_most_its_seats(ballots, seats):
    result = count(ballots, "ABCDEF", seats=seats, seed="x")

    assert len(result.elected) == (min(seats, 6) if result.valid else 0)
    assert len(set(result.elected)) == len(result.elected)
    for r in result.rounds:
        # Nothing is lost: every valid ballot counts for someone or is exhausted.
        assert sum(r.votes.values()) + r.exhausted == result.valid
