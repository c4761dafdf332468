"""The benchmark's data generator, at a tiny scale (the full scale is measured by bin/bench)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bench.generate import (
    BENCH_EMAIL,
    BENCH_PASSWORD,
    DIARIST_USERNAME,
    LONG_REVIEW_SLUG,
    POPULAR_FILM_SLUG,
    Command,
)
from filmclub.models import User
from films.models import Film, Person
from members.models import Follow
from reviews.models import Comment, Review
from screenings.models import ProgrammeItem, Screening


@pytest.fixture
def generated(db):
    call_command(Command(), "--scale=0.001", stdout=io.StringIO())


def test_generator_makes_the_counts_of_its_scale(generated):
    counts = {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "members": User.objects.count(),
        "reviews": Review.objects.count(),
        "comments": Comment.objects.count(),
        "screenings": Screening.objects.count(),
        "popular film's reviews": Review.objects.filter(film__slug=POPULAR_FILM_SLUG).count(),
        "long review's comments": Comment.objects.filter(review__slug=LONG_REVIEW_SLUG).count(),
        "diarist's logs": Review.objects.filter(author__username=DIARIST_USERNAME).count(),
    }

    assert counts == {
        "films": 10,
        "people": 50,
        "members": 52,
        "reviews": 105,
        "comments": 300,
        "screenings": 3,
        "popular film's reviews": 3,
        "long review's comments": 3,
        "diarist's logs": 5,
    }


def test_generator_threads_comments_and_plans_programmes(generated):
    replies = Comment.objects.exclude(parent=None)
    mismatched = [
        c.pk for c in replies.select_related("parent") if c.parent.review_id != c.review_id
    ]

    assert replies.count() == 120
    assert Comment.objects.filter(parent__parent__isnull=False).count() == 30
    assert mismatched == []
    assert ProgrammeItem.objects.values("screening").distinct().count() == 3
    assert Screening.objects.filter(starts_at=None).count() == 0


def test_generated_member_pages_and_handles_work(client, generated):
    review = Review.objects.get(slug=LONG_REVIEW_SLUG)
    handles = list(User.objects.values_list("username", flat=True))

    response = client.get(review.author.get_absolute_url())

    assert response.status_code == 200
    assert response.context["member"] == review.author
    assert all(User._meta.get_field("username").clean(h, None) == h for h in handles)


def test_bench_member_signs_in_with_the_known_password(client, generated):
    response = client.post(
        reverse("account_login"), {"login": BENCH_EMAIL, "password": BENCH_PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "bench"


def test_generator_refuses_a_database_that_already_has_bench_data(generated):
    with pytest.raises(CommandError) as error:
        call_command(Command(), "--scale=0.001")

    assert str(error.value) == (
        "This database already has benchmark data: generate into a fresh database."
    )


def test_generator_gives_the_bench_member_people_to_follow(generated):
    followed = Follow.objects.filter(follower__username="bench")

    authors = followed.values("followed")

    assert followed.count() == 3
    assert Review.objects.published().filter(author__in=authors).exists()
    assert Comment.objects.public().filter(author__in=authors).exists()


def test_the_diarist_diary_shows_their_dated_logs(client, generated):
    response = client.get(reverse("members:diary", args=[DIARIST_USERNAME]))

    assert response.status_code == 200
    assert response.context["paginator"].count == 5
    assert all(log.watched_on for log in response.context["logs"])
