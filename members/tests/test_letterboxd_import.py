"""Importing a Letterboxd export: read, matched, previewed, confirmed, applied once."""

import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.letterboxd import reader, views
from members.letterboxd.models import ImportJob, WantedFilm
from members.models import WatchlistEntry
from members.tests.letterboxd_export import (
    BASE,
    DIARY,
    RATINGS,
    REVIEWS,
    csv_text,
    letterboxd_export,
    make_zip,
)
from reviews.models import Review


@pytest.fixture
def catalogue(make_film):
    return {
        "comrades": make_film(
            title="Comrades: Almost a Love Story",
            year=1996,
            original_title="甜蜜蜜",
            original_title_romanised="Tian Mi Mi",
        ),
        "irma": make_film(title="Irma Vep", year=1996),
        "angels": make_film(title="Fallen Angels", year=1995),
    }


@pytest.fixture
def member(make_user):
    return make_user(username="viewer")


def upload(client, member, data, name="letterboxd-viewer-2026.zip"):
    return client.post(
        reverse("members:import", kwargs={"handle": member.username}),
        {"export": SimpleUploadedFile(name, data, content_type="application/zip")},
    )


def import_export(client, member, data):
    """Upload, then confirm with the preview's first choices; the job."""
    response = upload(client, member, data)
    assert response.status_code == 302, response.context["form"].errors
    job = ImportJob.objects.filter(member=member).first()
    choices = {f"choice-{n}": str(group["films"][0].pk) for n, group in enumerate(
        client.get(response.url).context["ambiguous"])}  # fmt: skip
    client.post(reverse("members:import-confirm", kwargs={"handle": member.username, "pk": job.pk}),
                choices)  # fmt: skip
    job.refresh_from_db()
    return job


def logs_of(member):
    return list(
        Review.objects.filter(author=member)
        .order_by("film__title", "watched_on", "pk")
        .values_list("film__title", "watched_on", "is_rewatch", "rating", "liked", "body", "tags")
    )


def test_preview_shows_matched_and_unmatched_films(signed_in, member, catalogue):
    client = signed_in(member)

    response = client.get(upload(client, member, letterboxd_export()).url)

    page = response.content.decode()
    assert response.context["counts"] == {"matched": 3, "ambiguous": 0, "unmatched": 1}
    assert "A Film Nobody Catalogued (1987)" in page
    assert Review.objects.filter(author=member).count() == 0  # nothing until confirmed


def test_import_writes_diary_reviews_ratings_likes_and_watchlist(signed_in, member, catalogue):
    client = signed_in(member)

    job = import_export(client, member, letterboxd_export())

    from datetime import date

    assert job.status == ImportJob.Status.DONE
    assert logs_of(member) == [
        ("Comrades: Almost a Love Story", date(2021, 2, 27), False, 8, False, "", ""),
        (
            "Comrades: Almost a Love Story",
            date(2023, 6, 30),
            True,
            9,
            True,
            "Saw it in the **park**.\nLoved it & cried.",
            "outdoor, Fort Greene",
        ),
        ("Irma Vep", None, False, 7, False, "", ""),
    ]
    assert list(WatchlistEntry.objects.filter(member=member).values_list("film__title")) == [
        ("Fallen Angels",)
    ]
    assert list(WantedFilm.objects.values_list("name", "year", "member")) == [
        ("A Film Nobody Catalogued", 1987, member.pk)
    ]
    review = Review.objects.get(author=member, is_rewatch=True)
    assert "<script" not in review.body_html
    assert review.is_public


def test_importing_the_same_export_twice_changes_nothing(signed_in, member, catalogue):
    client = signed_in(member)
    import_export(client, member, letterboxd_export())
    before = (logs_of(member), WatchlistEntry.objects.count(), WantedFilm.objects.count())

    job = import_export(client, member, letterboxd_export())

    assert (logs_of(member), WatchlistEntry.objects.count(), WantedFilm.objects.count()) == before
    assert job.counts["diary:already there"] == 2


def test_an_import_tags_logs_imported_before_tags_were_kept(signed_in, member, catalogue):
    client = signed_in(member)
    import_export(client, member, letterboxd_export())
    Review.objects.filter(author=member).update(tags="")  # as an import before tags left them

    job = import_export(client, member, letterboxd_export())

    assert Review.objects.get(author=member, is_rewatch=True).tag_list == ["outdoor", "Fort Greene"]
    # The diary row (read first) tags the rewatch; its review row then finds it tagged.
    assert (job.counts["diary:added"], job.counts["diary:already there"]) == (1, 1)
    assert job.counts["review:already there"] == 1


def test_an_import_keeps_the_tags_a_member_gave_since(signed_in, member, catalogue):
    client = signed_in(member)
    import_export(client, member, letterboxd_export())
    Review.objects.filter(author=member, is_rewatch=True).update(tags="with Mum")

    job = import_export(client, member, letterboxd_export())

    assert Review.objects.get(author=member, is_rewatch=True).tags == "with Mum"
    assert job.counts["review:already there"] == 1


def test_an_import_takes_the_place_of_a_films_quick_rating(
    signed_in, member, catalogue, make_review
):
    comrades = catalogue["comrades"]
    make_review(author=member, film=comrades, title="", body="", rating=6, tags="with Mum")
    client = signed_in(member)

    job = import_export(client, member, letterboxd_export())

    # The first diary entry takes the mark's place, with its own rating and the mark's tags.
    first, rewatch, irma = logs_of(member)
    assert first == (comrades.title, date(2021, 2, 27), False, 8, False, "", "with Mum")
    assert rewatch[:4] == (comrades.title, date(2023, 6, 30), True, 9)
    assert irma[:4] == ("Irma Vep", None, False, 7)
    assert job.counts["diary:added"] == 2


@pytest.mark.parametrize(("stars", "rating"), [("", 3), ("4", 8)])
def test_an_imported_review_without_a_date_takes_the_place_of_a_quick_rating(
    signed_in, member, catalogue, make_review, stars, rating
):
    make_review(author=member, film=catalogue["irma"], title="", body="", rating=3, liked=True)
    row = ["2024-02-01", "Irma Vep", "1996", "", stars, "", "Maggie Cheung.", "", ""]
    client = signed_in(member)

    import_export(client, member, make_zip({"reviews.csv": csv_text(REVIEWS, [row])}))

    assert logs_of(member) == [("Irma Vep", None, False, rating, True, "Maggie Cheung.", "")]
    assert Review.objects.published().for_film(catalogue["irma"]).rating_summary().average == (
        rating
    )


def test_an_import_taking_the_place_of_a_mark_twice_adds_nothing(
    signed_in, member, catalogue, make_review
):
    make_review(author=member, film=catalogue["comrades"], title="", body="", rating=6)
    client = signed_in(member)
    import_export(client, member, letterboxd_export())
    before = logs_of(member)

    job = import_export(client, member, letterboxd_export())

    assert logs_of(member) == before
    assert len(before) == 3
    assert job.counts["diary:already there"] == 2
    assert job.counts["review:already there"] == 1
    assert job.counts["rating:already there"] == 2


def test_an_imported_rating_rates_a_film_marked_seen_on_its_mark(
    signed_in, member, catalogue, make_review
):
    mark = make_review(author=member, film=catalogue["irma"], title="", body="", liked=True)
    files = {"ratings.csv": csv_text(RATINGS, [["2021-05-01", "Irma Vep", "1996", "", "3.5"]])}

    import_export(signed_in(member), member, make_zip(files))

    assert list(Review.objects.filter(author=member).values_list("pk", "rating", "liked")) == [
        (mark.pk, 7, True)
    ]


def test_films_are_matched_by_romanised_and_alternative_titles(signed_in, member, catalogue):
    catalogue["irma"].alternative_titles.create(title="Irma Vep (The Vampire)")
    files = {
        "diary.csv": csv_text(
            DIARY,
            [
                ["2024-01-01", "Tian Mi Mi", "1996", "", "5", "", "", "2024-01-01"],
                ["2024-01-02", "irma vep the vampire", "1996", "", "", "", "", "2024-01-02"],
            ],
        )
    }

    import_export(signed_in(member), member, make_zip(files))

    assert [log[0] for log in logs_of(member)] == ["Comrades: Almost a Love Story", "Irma Vep"]


def test_ambiguous_title_lets_the_member_choose(signed_in, member, make_film):
    make_film(title="Twins", year=1988, slug="twins-a")
    chosen = make_film(title="Twins", year=1988, slug="twins-b")
    files = {"ratings.csv": csv_text(RATINGS, [["2024-01-01", "Twins", "1988", "", "3"]])}
    client = signed_in(member)
    response = upload(client, member, make_zip(files))
    preview = client.get(response.url)
    job = ImportJob.objects.get()

    assert [film.slug for film in preview.context["ambiguous"][0]["films"]] == [
        "twins-a",
        "twins-b",
    ]
    client.post(
        reverse("members:import-confirm", kwargs={"handle": "viewer", "pk": job.pk}),
        {"choice-0": str(chosen.pk)},
    )
    assert list(Review.objects.values_list("film__slug", "rating")) == [("twins-b", 6)]


def test_a_film_one_year_off_is_offered_not_taken(signed_in, member, catalogue):
    files = {"ratings.csv": csv_text(RATINGS, [["2024-01-01", "Irma Vep", "1997", "", "3"]])}
    client = signed_in(member)

    preview = client.get(upload(client, member, make_zip(files)).url)

    assert preview.context["counts"] == {"matched": 0, "ambiguous": 1, "unmatched": 0}


def refusal(client, member, data, name="export.zip"):
    response = upload(client, member, data, name)
    assert response.status_code == 200
    assert ImportJob.objects.count() == 0
    return response.context["form"].errors["export"][0]


def test_a_file_that_is_not_a_zip_is_refused_politely(signed_in, member):
    message = refusal(signed_in(member), member, b"Name,Year\nAlien,1979\n", "diary.csv")

    assert message == (
        "That file is not a zip file. Upload the .zip Letterboxd sends you, unopened."
    )


def test_a_zip_that_is_not_a_letterboxd_export_is_refused(signed_in, member):
    message = refusal(signed_in(member), member, make_zip({"holiday.jpg": b"\xff\xd8"}))

    assert message.startswith("That zip is not a Letterboxd export")


def test_a_csv_without_letterboxds_columns_is_refused(signed_in, member):
    data = make_zip({"diary.csv": "Title,When\nAlien,2020-01-01\n"})

    message = refusal(signed_in(member), member, data)

    assert message == (
        "diary.csv is not as Letterboxd writes it: its first line lacks the columns Date, "
        "Name, Year, Letterboxd URI, Rating, Rewatch, Watched Date."
    )


GOOD_DIARY_ROW = dict(
    zip(DIARY, ["2024-01-01", "Alien", "1979", "", "4", "", "", "2024-01-01"], strict=True)
)


@pytest.mark.parametrize(
    ("changed", "problem"),
    [
        (
            {"Watched Date": "30/02/2024"},
            "the watched date '30/02/2024' is not a date (YYYY-MM-DD).",
        ),
        ({"Date": "2024-02-30"}, "the date '2024-02-30' is not a date (YYYY-MM-DD)."),
        (
            {"Watched Date": "1890-01-01"},
            "Alien came out in 1979: the watched date 1890-01-01 is before that.",
        ),
        ({"Rating": "4.3"}, "the rating '4.3' is not from 0.5 to 5 in halves."),
        ({"Rating": "nan"}, "the rating 'nan' is not from 0.5 to 5 in halves."),
        ({"Rating": "6"}, "the rating '6' is not from 0.5 to 5 in halves."),
        ({"Year": "MCMLXXIX", "Rating": ""}, "the year 'MCMLXXIX' is not a year."),
        ({"Rating": "", "Rewatch": "Often"}, "Rewatch is 'Often', not Yes or empty."),
        (
            {"Rating": "", "Tags": ", ".join(f"tag {n}" for n in range(100))},
            "the tags are over 500 characters together.",
        ),
    ],
)
def test_malformed_rows_are_refused_naming_the_file_and_line(signed_in, member, changed, problem):
    """A good row, then the same row with `changed` columns: line 3, after the header."""
    bad = {**GOOD_DIARY_ROW, **changed}
    rows = [list(GOOD_DIARY_ROW.values()), [bad[column] for column in DIARY]]
    data = make_zip({"diary.csv": csv_text(DIARY, rows)})

    assert refusal(signed_in(member), member, data) == f"diary.csv, line 3: {problem}"


def test_a_csv_over_the_size_limit_is_refused(signed_in, member, monkeypatch):
    monkeypatch.setattr(reader, "MAX_CSV_BYTES", 1000)
    rows = [["2024-01-01", f"Film {n}", "2000", ""] for n in range(100)]
    data = make_zip({"watchlist.csv": csv_text(BASE, rows)})

    assert refusal(signed_in(member), member, data) == (
        "watchlist.csv is over 1,000 bytes unpacked: too large."
    )


def test_a_zip_bomb_is_refused_without_unpacking_it(signed_in, member, monkeypatch):
    data = make_zip({"diary.csv": csv_text(DIARY, []) + "\0" * (30 * 1024 * 1024)})
    opened = []
    original_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile,
        "open",
        lambda self, *a, **k: [opened.append(a), original_open(self, *a, **k)][1],
    )

    message = refusal(signed_in(member), member, data)

    assert message.startswith("diary.csv is compressed ")
    assert message.endswith(" times: refused unopened.")
    assert opened == []


def test_a_zip_declaring_too_much_in_all_is_refused(signed_in, member, monkeypatch):
    monkeypatch.setattr(reader, "MAX_TOTAL_BYTES", 500)
    data = letterboxd_export()

    assert refusal(signed_in(member), member, data).startswith("The zip unpacks to over")


def test_a_large_import_runs_in_the_background_with_a_progress_page(
    signed_in, member, catalogue, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(views, "AT_ONCE_ROWS", 2)
    client = signed_in(member)

    with django_capture_on_commit_callbacks(execute=True):
        job = import_export(client, member, letterboxd_export())

    job.refresh_from_db()
    assert (job.status, job.processed, job.total) == (ImportJob.Status.DONE, 10, 10)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'value="100"' in page
    assert 'http-equiv="refresh"' not in page


def test_a_queued_import_page_refreshes_itself(signed_in, member, catalogue, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(views, "AT_ONCE_ROWS", 2)
    client = signed_in(member)

    job = import_export(client, member, letterboxd_export())
    page = client.get(job.get_absolute_url()).content.decode()

    assert job.status == ImportJob.Status.QUEUED
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "0 of 10 rows" in page


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_import(
    signed_in, member, catalogue, monkeypatch, settings
):
    """Committed for real (the worker closes its connection when it is done, as in production)."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(views, "AT_ONCE_ROWS", 2)
    job = import_export(signed_in(member), member, letterboxd_export())

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert len(logs_of(member)) == 3


def test_an_upload_over_the_size_limit_is_refused_unread(signed_in, member, monkeypatch):
    monkeypatch.setattr(reader, "MAX_UPLOAD_BYTES", 100)

    message = refusal(signed_in(member), member, letterboxd_export())

    assert message == "That file is over 100 bytes: is it an export?"
