"""A member's lists through the Letterboxd export and import, and an upload's every problem."""

import io
import zipfile

import pytest
from django.urls import reverse

from films.models import Film
from members.letterboxd.models import ImportJob, WantedFilm
from members.models import ListEntry, MemberList
from members.tests.letterboxd_export import (
    DIARY,
    RATINGS,
    csv_text,
    letterboxd_export,
    make_zip,
)
from members.tests.test_letterboxd_import import (  # noqa: F401
    catalogue,
    import_export,
    refusal,
    upload,
)

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def member(make_user):
    return make_user(username="viewer")


@pytest.fixture
def fresh(make_user):
    return make_user(username="fresh")


def words(response):
    """The page's HTML with its runs of white space as one space."""
    return " ".join(response.content.decode().split())


def film(title):
    return Film.objects.get(title=title)


def make_lists(member):
    """A ranked list of two films with notes, and an unranked one with a description."""
    nights = MemberList.objects.create(owner=member, title="Hong Kong nights", is_ranked=True)
    ListEntry.objects.create(
        member_list=nights, film=film("Fallen Angels"), position=1, note="The motorbike."
    )
    ListEntry.objects.create(
        member_list=nights, film=film("Comrades: Almost a Love Story"), position=2, note="Teresa"
    )
    later = MemberList.objects.create(
        owner=member, title="For later", description="Films, someday.\n\nAll of them."
    )
    ListEntry.objects.create(member_list=later, film=film("Irma Vep"), position=1)


def exported(client, member):
    """The member's export, as they download it."""
    response = client.get(reverse("members:export-zip", kwargs={"handle": member.username}))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return make_zip({name: archive.read(name) for name in archive.namelist()})


def lists_of(member):
    return [
        (
            member_list.title,
            member_list.description,
            member_list.is_ranked,
            member_list.is_public,
            [(entry.position, entry.film.title, entry.note) for entry in member_list.entries.all()],
        )
        for member_list in MemberList.objects.filter(owner=member)
        .order_by("title")
        .prefetch_related("entries__film")
    ]


def test_export_then_import_brings_the_lists_into_another_account(signed_in, member, fresh):
    make_lists(member)
    data = exported(signed_in(member), member)
    client = signed_in(fresh)

    preview = words(client.get(upload(client, fresh, data).url))
    job = import_export(client, fresh, data)

    assert "2 lists with 3 films, 3 of them in the catalogue. They are imported as " in preview
    assert "<strong>private</strong> lists" in preview
    assert lists_of(fresh) == [
        ("For later", "Films, someday.\n\nAll of them.", False, False, [(1, "Irma Vep", "")]),
        (
            "Hong Kong nights",
            "",
            True,
            False,
            [
                (1, "Fallen Angels", "The motorbike."),
                (2, "Comrades: Almost a Love Story", "Teresa"),
            ],
        ),
    ]
    page = words(client.get(job.get_absolute_url()))
    assert '<th scope="row">Lists</th> <td>2 imported</td>' in page
    assert '<th scope="row">Films on lists</th> <td>3 imported</td>' in page


def test_importing_the_lists_again_adds_nothing(signed_in, member, fresh):
    make_lists(member)
    data = exported(signed_in(member), member)
    client = signed_in(fresh)
    import_export(client, fresh, data)
    before = lists_of(fresh)

    job = import_export(client, fresh, data)

    assert lists_of(fresh) == before
    assert (job.counts["list:already there"], job.counts["list film:already there"]) == (2, 3)
    assert "list:added" not in job.counts
    assert "list film:added" not in job.counts


def test_a_list_the_member_has_gets_only_the_films_it_lacks(signed_in, member, fresh):
    make_lists(member)
    data = exported(signed_in(member), member)
    mine = MemberList.objects.create(owner=fresh, title="Hong Kong Nights!", is_public=True)
    ListEntry.objects.create(member_list=mine, film=film("Fallen Angels"), position=1, note="Mine")

    job = import_export(signed_in(fresh), fresh, data)

    assert MemberList.objects.filter(owner=fresh).count() == 2
    assert lists_of(fresh)[1] == (
        "Hong Kong Nights!",
        "",
        False,
        True,  # kept as the member made it
        [(1, "Fallen Angels", "Mine"), (2, "Comrades: Almost a Love Story", "Teresa")],
    )
    assert (job.counts["list film:added"], job.counts["list film:already there"]) == (2, 1)


LETTERBOXD_LIST = (
    "Letterboxd list export v7\r\n"
    "Date,Name,Tags,URL,Description\r\n"
    '2021-11-06,Nineties,"hong kong, paris",https://boxd.it/list1,"Two cities,\r\nthree films."\r\n'
    "\r\n"
    "Position,Name,Year,URL,Description\r\n"
    "2,Irma Vep,1996,https://boxd.it/2a2a,Maggie Cheung\r\n"
    "1,A Film Nobody Catalogued,1987,https://boxd.it/9z9z,\r\n"
    "3,Tian Mi Mi,1996,https://boxd.it/1q2w,\r\n"
)


def test_a_letterboxd_list_is_imported_in_its_order(signed_in, member):
    data = letterboxd_export(**{"lists/nineties.csv": LETTERBOXD_LIST})
    client = signed_in(member)
    preview = words(client.get(upload(client, member, data).url))

    job = import_export(client, member, data)

    assert "1 list with 3 films, 2 of them in the catalogue." in preview
    assert lists_of(member) == [
        (
            "Nineties",
            "Two cities,\nthree films.",
            True,
            False,
            [(1, "Irma Vep", "Maggie Cheung"), (2, "Comrades: Almost a Love Story", "")],
        )
    ]
    assert job.counts["list film:wanted"] == 1
    assert WantedFilm.objects.filter(name="A Film Nobody Catalogued").count() == 1


def test_a_list_inside_the_exports_folder_is_read(signed_in, member):
    files = {"letterboxd-viewer/ratings.csv": csv_text(RATINGS, [])}
    files["letterboxd-viewer/lists/nineties.csv"] = LETTERBOXD_LIST
    files["letterboxd-viewer/deleted/lists/old.csv"] = LETTERBOXD_LIST.replace("Nineties", "Old")

    import_export(signed_in(member), member, make_zip(files))

    assert [row[0] for row in lists_of(member)] == ["Nineties"]


def test_every_problem_of_an_upload_is_reported_with_its_file_and_line(signed_in, member):
    bad_list = LETTERBOXD_LIST.replace("2,Irma Vep,1996", "second,Irma Vep,199")
    data = letterboxd_export(
        **{
            "diary.csv": csv_text(
                DIARY,
                [
                    ["2024-01-01", "Alien", "1979", "", "4", "", "", "2024-01-01"],
                    ["2024-02-30", "Alien", "1979", "", "4.3", "", "", "2024-01-01"],
                    ["2024-01-01", "", "1979", "", "", "Often", "", "2024-01-01"],
                ],
            ),
            "ratings.csv": csv_text(RATINGS, [["2024-01-01", "Alien", "1979", "", "6"]]),
            "watchlist.csv": "Title,When\r\nAlien,2020-01-01\r\n",
            "lists/nineties.csv": bad_list,
        }
    )
    response = upload(signed_in(member), member, data)

    assert ImportJob.objects.count() == 0
    assert response.context["form"].errors["export"] == [
        "diary.csv, line 3: the date '2024-02-30' is not a date (YYYY-MM-DD).",
        "diary.csv, line 3: the rating '4.3' is not from 0.5 to 5 in halves.",
        "diary.csv, line 4: the film's name is missing.",
        "diary.csv, line 4: Rewatch is 'Often', not Yes or empty.",
        "ratings.csv, line 2: the rating '6' is not from 0.5 to 5 in halves.",
        "watchlist.csv is not as Letterboxd writes it: its first line lacks the columns Date, "
        "Name, Year, Letterboxd URI.",
        "lists/nineties.csv, line 7: the year '199' is not a year.",
        "lists/nineties.csv, line 7: the position 'second' is not a place on the list.",
    ]
    page = response.content.decode()
    assert "diary.csv, line 4: Rewatch is &#x27;Often&#x27;, not Yes or empty." in page


def test_problems_past_twenty_are_counted(signed_in, member):
    rows = [["2024-01-01", f"Film {n}", "1979", "", "9"] for n in range(25)]
    data = make_zip({"ratings.csv": csv_text(RATINGS, rows)})

    response = upload(signed_in(member), member, data)

    errors = response.context["form"].errors["export"]
    assert len(errors) == 21
    assert errors[19] == "ratings.csv, line 21: the rating '9' is not from 0.5 to 5 in halves."
    assert errors[20] == "…and 5 more problems."


def test_a_list_file_that_is_not_a_list_is_one_problem(signed_in, member):
    data = letterboxd_export(**{"lists/nineties.csv": csv_text(RATINGS, [])})

    message = refusal(signed_in(member), member, data)

    assert message == (
        "lists/nineties.csv is not a list as Letterboxd writes one: it does not start with "
        "“Letterboxd list export”."
    )


def test_the_export_page_says_what_the_import_takes_back(signed_in, member):
    page = signed_in(member).get(reverse("members:export", kwargs={"handle": member.username}))

    text = words(page)
    assert "watchlist and lists (which come back private). It skips comments.csv" in text
