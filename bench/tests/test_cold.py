"""bench/cold.py: the pages built cold against the peer, round by round (pure functions)."""

from bench import cold, run


def measured(page, app, db=0.0):
    return run.Run(
        page=page, mode="round", requests=100, seconds=5.0, app_cpu_ms=app, data_cpu_ms=db
    )


def test_rounds_measure_the_pages_then_the_peer_in_each_round():
    order = []

    def once(server, path, name, cookie):
        order.append((name, server, cookie))
        return measured(name, app=1.0)

    runs = cold.measure_rounds(
        [("seed film", "site", "/films/x/", "c"), ("review", "site", "/reviews/y/", "c")],
        (run.PEER, "peer", "/article/", None),
        rounds=2,
        measure_once=once,
        log=lambda line: None,
    )

    assert (
        order
        == [
            ("seed film", "site", "c"),
            ("review", "site", "c"),
            (run.PEER, "peer", None),
        ]
        * 2
    )
    assert [len(runs[name]) for name in ("seed film", "review", run.PEER)] == [2, 2, 2]


def test_the_verdict_goes_by_the_median_share_taken_within_each_round():
    # The peer drifts from 5 to 10 ms; the seed film keeps to 1.8-2.2x of it in each round, so
    # its median share is 2.0 (met), though its own figures spread from 9 to 22 ms.
    runs = {
        run.PEER: [measured(run.PEER, p) for p in (5.0, 10.0, 8.0)],
        "seed film": [
            measured("seed film", 8.0, 1.0),
            measured("seed film", 20.0, 2.0),
            measured("seed film", 14.4, 1.6),
        ],
        "review": [measured("review", 9.0), measured("review", 9.0), measured("review", 9.0)],
    }

    lines = cold.target_lines(runs, run.PEER)

    assert lines == [
        "| seed film: built cold, server CPU ≤ 2.00× the peer's, median of 3 interleaved rounds "
        "| 2.00× (1.80–2.20): MET |",
        "| review: built cold, server CPU ≤ 1.38× the peer's, median of 3 interleaved rounds "
        "| 1.12× (0.90–1.80): MET |",
        "| review: built cold, server CPU ≤ 8 ms/request, median of 3 interleaved rounds "
        "| 9.00 ms (9.00–9.00): **NOT MET** (1.00 ms over) |",
    ]


def test_the_section_lists_every_round_and_the_peer_last():
    runs = {
        run.PEER: [measured(run.PEER, 5.0), measured(run.PEER, 6.0)],
        "screenings": [measured("screenings", 6.0, 1.0), measured("screenings", 7.0, 1.0)],
    }

    lines = cold.section(runs, run.PEER)

    assert lines[-2:] == [
        "| screenings | 7.00 | 8.00 | 7.50 | 1.37× (1.33–1.40) |",
        f"| {run.PEER} | 5.00 | 6.00 | 5.50 | 1 |",
    ]
