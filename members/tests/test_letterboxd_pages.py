"""The import's and export's pages: only the member themself, a constant number of queries."""

import pytest
from django.urls import reverse

from members.letterboxd.models import ImportJob
from members.letterboxd.text import review_markdown
from members.tests.letterboxd_export import RATINGS, csv_text, letterboxd_export, make_zip
from members.tests.test_letterboxd_import import upload


@pytest.fixture
def member(make_user):
    return make_user(username="viewer")


@pytest.fixture
def job(member):
    return ImportJob.objects.create(member=member, filename="export.zip", rows=[], total=0)


@pytest.mark.parametrize(
    "name", ["members:import", "members:export", "members:export-zip", "members:delete-account"]
)
def test_another_members_pages_are_not_found(signed_in, member, make_user, name):
    other = signed_in(make_user())

    response = other.get(reverse(name, kwargs={"handle": member.username}))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["members:import-job", "members:import-confirm"])
def test_another_members_import_job_is_not_found(signed_in, job, make_user, name):
    other = make_user()
    client = signed_in(other)

    # Their own handle with someone else's job, and the owner's handle: both 404.
    mine = client.post(reverse(name, kwargs={"handle": other.username, "pk": job.pk}))
    theirs = client.post(reverse(name, kwargs={"handle": job.member.username, "pk": job.pk}))

    assert (mine.status_code, theirs.status_code) == (404, 404)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEW


def test_a_visitor_is_sent_to_sign_in(client, member):
    response = client.get(reverse("members:import", kwargs={"handle": member.username}))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_uploads_are_rate_limited(signed_in, member, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "letterboxd-import": "2/m"}
    client = signed_in(member)
    statuses = [upload(client, member, b"not a zip").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("count", [1, 3])
def test_preview_query_count_is_constant(
    signed_in, member, make_film, count, django_assert_num_queries
):
    rows = []
    for number in range(count):
        make_film(title=f"Film {number}", year=2001)
        make_film(title=f"Twin {number}", year=2002, slug=f"twin-a-{number}")
        make_film(title=f"Twin {number}", year=2002, slug=f"twin-b-{number}")
        rows += [["2024-01-01", f"Film {number}", "2001", "", "3"]]
        rows += [["2024-01-01", f"Twin {number}", "2002", "", "3"]]
        rows += [["2024-01-01", f"Missing {number}", "2002", "", "3"]]
    client = signed_in(member)
    url = upload(client, member, make_zip({"ratings.csv": csv_text(RATINGS, rows)})).url

    with django_assert_num_queries(5):  # session, member, job, its rows, films
        response = client.get(url)

    assert response.context["counts"] == {"matched": count, "ambiguous": count, "unmatched": count}


@pytest.mark.parametrize("count", [1, 3])
def test_progress_query_count_is_constant(
    signed_in, member, make_film, count, django_assert_num_queries
):
    make_film(title="Comrades: Almost a Love Story", year=1996)
    client = signed_in(member)
    upload(client, member, letterboxd_export())
    job = ImportJob.objects.get()
    job.status = ImportJob.Status.DONE
    job.counts = {f"{kind}:added": 1 for kind in ["diary", "review", "rating"][:count]}
    job.save()
    url = job.get_absolute_url()

    with django_assert_num_queries(3):  # session, member, job
        response = client.get(url)

    assert len(response.context["outcomes"]) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain words.", "Plain words."),
        ("<i>Vivid</i> and <strong>bold</strong>", "*Vivid* and **bold**"),
        ("One<br />two<br>three", "One\ntwo\nthree"),
        ("<p>First</p><p>Second</p>", "First\n\nSecond"),
        ("Tom &amp; Jerry &lt;3", "Tom & Jerry <3"),
        ('<a href="https://example.org/x">a link</a>', "[a link](https://example.org/x)"),
        ('<a href="javascript:alert(1)">a trap</a>', "a trap"),
        ("<blockquote>Quoted\nline</blockquote>After", "> Quoted\n> line\n\nAfter"),
        ('<img src=x onerror="alert(1)">Text<script>x</script>', "Text"),
        ("Bell\x07 and NUL\x00 gone", "Bell and NUL gone"),
    ],
)
def test_review_text_becomes_markdown(text, expected):
    assert review_markdown(text) == expected
