import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from filmclub.models import SeedFile
from films.models import AlternativeTitle, Film
from reviews.models import Comment, Review


def write(tmp_path, name, records):
    path = tmp_path / name
    path.write_text(json.dumps(records) if not isinstance(records, str) else records)
    return path


def test_loadseeds_skips_unchanged_files(seeded, capsys):
    call_command("loadseeds")

    assert "010_catalogue.json: unchanged, skipped" in capsys.readouterr().out
    assert SeedFile.objects.filter(name="010_catalogue.json").exists()


def test_broken_fixture_names_file_record_and_field(db, tmp_path):
    path = write(
        tmp_path,
        "broken.json",
        [
            {"model": "films.film", "fields": {"slug": "ok", "title": "OK"}},
            {
                "model": "films.film",
                "fields": {"slug": "bad", "title": "Bad", "runtime_minutes": 0},
            },
        ],
    )

    with pytest.raises(CommandError) as error:
        call_command("loadseeds", str(path))

    assert str(error.value).startswith("broken.json, record 2 (films.film 'bad'): runtime_minutes:")
    assert not Film.objects.exists()


def test_fixture_with_unknown_reference_names_the_record(db, tmp_path):
    path = write(
        tmp_path,
        "dangling.json",
        [
            {
                "model": "films.crewcredit",
                "fields": {"film": ["nowhere"], "person": ["nobody"], "role": "director"},
            }
        ],
    )

    with pytest.raises(CommandError) as error:
        call_command("loadseeds", str(path))

    assert str(error.value).startswith("dangling.json, record 1 (films.crewcredit None):")


def test_fixture_that_is_not_json_names_the_line(db, tmp_path):
    path = write(tmp_path, "garbled.json", '[\n  {"model": "films.film",\n  oops\n]')

    with pytest.raises(CommandError) as error:
        call_command("loadseeds", str(path))

    assert str(error.value).startswith("garbled.json: not valid JSON at line 3, column 3")


def test_reloading_seeds_leaves_members_reviews_untouched(seeded, make_user):
    film = Film.objects.get(slug="comrades-almost-a-love-story")
    member = make_user(username="newcomer")
    review = Review.objects.create(
        film=film,
        author=member,
        title="My take",
        slug="my-take",
        body="Still *wonderful*.",
        status=Review.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    seed_review = Review.objects.exclude(author=member).first()
    Comment.objects.create(review=seed_review, author=member, body="Agreed!")
    before = (Review.objects.count(), Comment.objects.count())

    call_command("loadseeds", "--force", verbosity=0)

    review.refresh_from_db()
    assert (review.title, review.body, review.author) == ("My take", "Still *wonderful*.", member)
    assert (Review.objects.count(), Comment.objects.count()) == before
    assert Comment.objects.get(author=member).body == "Agreed!"


def test_a_member_who_took_a_seed_handle_first_keeps_their_account(db, make_user):
    julie = make_user(username="julie", email="julie@example.com", password="her own secret")

    with pytest.raises(CommandError) as error:
        call_command("loadseeds", verbosity=0)

    assert str(error.value).startswith("020_members.json, record 3 (filmclub.user 'julie'): ")
    assert "already in the database and the seeds did not bring it" in str(error.value)
    julie.refresh_from_db()
    assert julie.email == "julie@example.com"
    assert julie.check_password("her own secret")
    assert not get_user_model().objects.filter(username="odessa").exists()  # file rolled back
    assert not SeedFile.objects.filter(name="020_members.json").exists()


def test_reloading_keeps_what_staff_curated_and_the_accounts_they_opened(seeded, capsys):
    Film.objects.filter(slug="comrades-almost-a-love-story").update(genre="Romance, drama")
    odessa = get_user_model().objects.get(username="odessa")
    odessa.email = "odessa@example.com"
    odessa.set_password("opened by staff")
    odessa.save()

    call_command("loadseeds", "--force")

    assert Film.objects.get(slug="comrades-almost-a-love-story").genre == "Romance, drama"
    odessa.refresh_from_db()
    assert odessa.email == "odessa@example.com"
    assert odessa.check_password("opened by staff")
    assert "020_members.json: 0 records loaded, 4 already there kept as they are" in (
        capsys.readouterr().out
    )


def test_reloading_adds_a_seed_record_that_is_missing(seeded):
    titles = AlternativeTitle.objects.filter(film__slug="comrades-almost-a-love-story")
    every_title = sorted(titles.values_list("title", flat=True))
    titles.first().delete()

    call_command("loadseeds", "--force", verbosity=0)

    assert sorted(titles.values_list("title", flat=True)) == every_title
