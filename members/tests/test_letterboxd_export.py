"""A member's export: Letterboxd's CSVs and a JSON file, and a round trip through the import."""

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from films.models import Film
from members.letterboxd.models import ImportJob
from members.models import ListEntry, MemberList, WatchlistEntry
from members.tests.letterboxd_export import DIARY, REVIEWS, letterboxd_export
from members.tests.test_letterboxd_import import catalogue, import_export, logs_of  # noqa: F401


@pytest.fixture
def member(make_user):
    return make_user(username="viewer")


def download(client, member):
    response = client.get(reverse("members:export-zip", kwargs={"handle": member.username}))
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive, name):
    return list(csv.reader(io.StringIO(archive.read(name).decode())))


@pytest.mark.usefixtures("catalogue")
def test_export_holds_letterboxds_csvs_and_a_json_file(
    signed_in, member, make_review, make_comment
):
    client = signed_in(member)
    import_export(client, member, letterboxd_export())
    make_comment(make_review(), author=member, body="Agreed.")
    films = MemberList.objects.create(owner=member, title="Hong Kong nights", is_ranked=True)
    ListEntry.objects.create(
        member_list=films,
        film=Film.objects.get(year=1996, title__startswith="Comrades"),
        position=1,
        note="!",
    )

    archive = download(client, member)

    diary = rows(archive, "diary.csv")
    assert diary[0] == DIARY
    assert [row[1:3] + row[4:] for row in diary[1:]] == [
        ["Comrades: Almost a Love Story", "1996", "4", "", "", "2021-02-27"],
        [
            "Comrades: Almost a Love Story",
            "1996",
            "4.5",
            "Yes",
            "outdoor, Fort Greene",
            "2023-06-30",
        ],
    ]
    assert rows(archive, "reviews.csv")[0] == REVIEWS
    assert rows(archive, "reviews.csv")[1][6:8] == [
        "Saw it in the **park**.\nLoved it & cried.",
        "outdoor, Fort Greene",
    ]
    assert [row[1] for row in rows(archive, "watchlist.csv")[1:]] == ["Fallen Angels"]
    assert [row[1] for row in rows(archive, "likes/films.csv")[1:]] == [
        "Comrades: Almost a Love Story"
    ]
    assert rows(archive, "lists/hong-kong-nights.csv")[0] == ["Letterboxd list export v7"]
    data = json.loads(archive.read("filmclub.json"))
    assert [comment["body"] for comment in data["comments"]] == ["Agreed."]
    assert [log["tags"] for log in data["logs"]] == [[], [], ["outdoor", "Fort Greene"]]
    assert data["lists"][0]["films"][0]["note"] == "!"


@pytest.mark.usefixtures("catalogue")
def test_export_then_import_into_a_fresh_account_reproduces_the_logs(signed_in, member, make_user):
    import_export(signed_in(member), member, letterboxd_export())
    exported = download(signed_in(member), member)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as again:
        for name in exported.namelist():
            again.writestr(name, exported.read(name))
    fresh = make_user(username="fresh")

    job = import_export(signed_in(fresh), fresh, out.getvalue())

    assert job.status == ImportJob.Status.DONE
    assert logs_of(fresh) == logs_of(member)
    assert logs_of(fresh)[0][1] == date(2021, 2, 27)
    assert WatchlistEntry.objects.filter(member=fresh).count() == 1


def test_export_is_rate_limited(signed_in, member, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "data-export": "1/m"}
    client = signed_in(member)
    url = reverse("members:export-zip", kwargs={"handle": member.username})

    assert [client.get(url).status_code for _ in range(2)] == [200, 429]
