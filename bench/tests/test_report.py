"""What the benchmark's report says of its figures (bench/run.py), the search probe's choices
(bench/search_probe.py) and the Wagtail peer's article (bench/peer.py): pure functions, no load."""

from bench import peer, run, search_probe


def measured(page, mode, *, requests=1000, app=2.0, db=0.5, p50=10.0):
    return run.Run(
        page=page,
        mode=mode,
        requests=requests,
        seconds=10.0,
        p50_ms=p50,
        p99_ms=2 * p50,
        app_cpu_ms=app,
        data_cpu_ms=db,
    )


def by_page(*runs):
    return {(r.page, r.mode): r for r in runs}


def test_cold_pages_are_held_to_twice_the_peer_and_to_eight_ms_or_its_share_of_the_peer():
    peer_run = measured(run.PEER, run.PEER_MODE, app=5.5, db=0.0)
    runs = by_page(
        measured("seed film", run.NO_FRAGMENTS, app=10.0, db=1.5),
        measured("review", run.NO_FRAGMENTS, app=9.0, db=0.5),
        measured("screenings", run.NO_FRAGMENTS, app=6.0, db=1.0),
    )

    lines = run.cold_targets(runs, peer_run)

    assert lines == [
        "| seed film: signed in, no fragments, server CPU ≤ 2× the peer's (5.50 ms) = "
        "11.00 ms/request | 11.50 ms (2.1× the peer): **NOT MET** (0.50 ms over) |",
        "| review: signed in, no fragments, server CPU ≤ 8 ms/request | 9.50 ms: "
        "**NOT MET** (1.50 ms over) |",
        "| review: signed in, no fragments, server CPU ≤ 1.38× the peer's (the 8 ms set when the "
        "peer took 5.8 ms) = 7.59 ms/request on this machine | 9.50 ms (1.73× the peer): "
        "**NOT MET** (1.91 ms over) |",
        "| screenings: signed in, no fragments, server CPU ≤ 8 ms/request | 7.00 ms: MET |",
        "| screenings: signed in, no fragments, server CPU ≤ 1.38× the peer's (the 8 ms set when "
        "the peer took 5.8 ms) = 7.59 ms/request on this machine | 7.00 ms (1.27× the peer): "
        "MET |",
    ]


def test_without_the_peer_the_seed_film_has_no_target_but_the_others_keep_theirs():
    runs = by_page(measured("seed film", run.NO_FRAGMENTS), measured("review", run.NO_FRAGMENTS))

    lines = run.cold_targets(runs, None)

    assert [line.split(":")[0] for line in lines] == ["| review"]


def search(share=0.57):
    plan = "Bitmap Heap Scan on films_film\n  ->  Bitmap Index Scan on films_film_search_trgm"
    films = [{"plan": plan, "indexes": ["films_film_search_trgm"], "ms": 1.5}]
    members = [{"plan": "Seq Scan on filmclub_user", "indexes": [], "ms": 70.25}]
    explained = {"films": films, "people": films, "members": members}
    return {
        "films": 10_005,
        "queries": {
            "broad": {
                "query": "love",
                "matches": 5_703,
                "share": share,
                "explain": explained,
            },
            "selective": {
                "query": "love story",
                "matches": 2,
                "share": 0.0002,
                "explain": explained,
            },
        },
    }


def test_the_broad_search_is_compared_with_the_selective_one_by_server_cpu():
    runs = by_page(
        measured(run.BROAD_SEARCH, run.NO_FRAGMENTS, app=12.0, db=3.0, p50=30.0),
        measured(run.SITE_SEARCH, run.NO_FRAGMENTS, app=4.0, db=1.0, p50=12.0),
    )

    [line] = run.search_targets(runs, search())

    assert line.startswith("| site search: a query matching 57% of the catalogue costs ≤ 3×")
    assert line.endswith("| 3.00× (15.00 / 5.00 ms; median latency 2.50×): MET |")


def test_the_search_section_shows_each_plan_and_the_indexes_it_reads():
    runs = by_page(measured(run.SITE_SEARCH, "signed in"))

    text = "\n".join(run.search_section(runs, search()))

    assert "| love story (selective) | 2 | 0.0% | signed in | 100 |" in text
    assert "| love (broad) | films | 1.50 | films_film_search_trgm |" in text
    assert "| love story (selective) | members | 70.25 | none (sequential scans) |" in text
    assert text.count("  ->  Bitmap Index Scan on films_film_search_trgm") == 4
    assert "Seq Scan on filmclub_user" not in text  # a line, not its plan


def test_the_import_lines_give_rows_per_second_and_whether_a_second_import_changed_anything():
    imported = {
        "rows": 2_000,
        "zip_bytes": 40_960,
        "films": 10_005,
        "states": {"matched": 900, "ambiguous": 20, "unmatched": 80},
        "first": {"preview": [0.5, 0.4], "import": [3.5, 1.5]},
        "again": {"preview": [0.5, 0.4], "import": [1.5, 1.0]},
        "logs": 1_100,
        "logs_again": 1_100,
    }

    text = "\n".join(run.import_lines(imported))

    preview = "| preview (read, match, save the job, the preview's groups) | 0.50 s | 0.40 s |"
    assert f"{preview} 4,000 |" in text
    assert "| both | 4.00 s | 1.90 s | 500 |" in text
    assert "| the same file again (preview and import) | 2.00 s | | 1,000 |" in text
    assert "after the same file again: 1,100 (nothing changed)." in text
    assert "40 KB zip" in text


def test_data_generated_at_another_scale_or_by_an_older_generator_is_made_again():
    assert run.generated_as_asked({"scale": 1.0, "version": run.DATA_VERSION}, 1.0)
    assert not run.generated_as_asked({"scale": 0.05, "version": run.DATA_VERSION}, 1.0)
    assert not run.generated_as_asked({"scale": 1.0}, 1.0)
    assert not run.generated_as_asked({}, 1.0)


def test_the_broad_query_is_the_one_nearest_the_share_asked():
    shares = {"maggie": 0.18, "love": 0.573, "ma": 0.72, "role": 1.0}

    assert search_probe.nearest(shares, 0.57) == "love"
    assert search_probe.nearest(shares, 0.9) == "role"


def test_index_names_are_read_from_a_plan():
    plan = (
        "Limit\n  ->  Sort\n        ->  Bitmap Heap Scan on films_person\n"
        "              ->  Bitmap Index Scan on films_person_search_trgm  (cost=0.00..44.00)\n"
        "  ->  Index Scan using films_film_pkey on films_film u0\n"
    )

    assert search_probe.index_names(plan) == ["films_person_search_trgm", "films_film_pkey"]
    assert search_probe.index_names("Seq Scan on films_film") == []


def test_the_peer_article_becomes_headings_paragraphs_a_list_and_a_table():
    article = (
        "= Comrades: Almost a Love Story =\n\n"
        "- Director: Peter Chan\n- Writer: Ivy Ho\n\n"
        "It is a 1996 film <by> Peter Chan.\n\n"
        "==Plot==\nTwo mainlanders & a city.\n\n"
        "== Accolades ==\n| Award | Year |\n| Golden Horse | 1997 |\n"
    )

    title, blocks = peer.blocks_of(article)

    assert title == "Comrades: Almost a Love Story"
    assert blocks == [
        {
            "type": "paragraph",
            "value": "<ul><li>Director: Peter Chan</li><li>Writer: Ivy Ho</li></ul>",
        },
        {"type": "paragraph", "value": "<p>It is a 1996 film &lt;by&gt; Peter Chan.</p>"},
        {"type": "heading", "value": "Plot"},
        {"type": "paragraph", "value": "<p>Two mainlanders &amp; a city.</p>"},
        {"type": "heading", "value": "Accolades"},
        {"type": "table", "value": {"rows": [["Award", "Year"], ["Golden Horse", "1997"]]}},
    ]


def test_without_the_shared_seeds_the_peer_uses_the_seed_films_own_texts():
    title, blocks = peer.blocks_of(peer.seed_film_article())

    assert title == "Comrades: Almost a Love Story"
    assert {"type": "heading", "value": "Plot"} in blocks
    assert len([b for b in blocks if b["type"] == "paragraph"]) >= 3
