"""core.baked: a queryset compiled once gives the rows a fresh one would, for every argument, or
is not baked at all."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from core.baked import NOT_BAKEABLE, baked
from films.models import CastCredit, Film
from reviews.models import Review


def was_baked(query):
    return all(compiled is not NOT_BAKEABLE for compiled in query._compiled.values())


@baked
def cast_of(film_id):
    return CastCredit.objects.filter(film_id=film_id).select_related("person")


def test_a_baked_query_gives_each_film_its_own_rows(make_film, make_person):
    first = make_film(cast=[make_person(name="Maggie Cheung"), make_person(name="Leon Lai")])
    second = make_film(cast=[make_person(name="Eric Tsang")])

    first_cast = [credit.person.name for credit in cast_of(first.pk)]
    second_cast = [credit.person.name for credit in cast_of(second.pk)]

    assert first_cast == ["Maggie Cheung", "Leon Lai"]
    assert second_cast == ["Eric Tsang"]
    assert was_baked(cast_of)


def test_a_baked_query_is_one_query_with_its_related_rows(
    make_film, make_person, django_assert_num_queries
):
    film = make_film(cast=[make_person(), make_person(), make_person()])
    list(cast_of(film.pk))  # compiled here

    with django_assert_num_queries(1):
        names = [credit.person.name for credit in cast_of(film.pk)]

    assert len(names) == 3


@baked
def published_with_the_time_given(film_id, now):
    return Review.objects.published(now).filter(film_id=film_id).order_by("pk")


def test_a_time_argument_is_filled_in_on_every_call(make_review, make_film):
    film = make_film()
    now = timezone.now()
    soon = make_review(film=film, published_at=now + timedelta(hours=1))

    assert list(published_with_the_time_given(film.pk, now)) == []
    assert list(published_with_the_time_given(film.pk, now + timedelta(hours=2))) == [soon]
    assert was_baked(published_with_the_time_given)


@baked
def published_now(film_id):
    return Review.objects.published().filter(film_id=film_id)  # reads the clock itself


def test_a_query_that_reads_the_clock_itself_is_not_baked(make_review, monkeypatch):
    review = make_review(published_at=timezone.now() + timedelta(hours=1))
    assert list(published_now(review.film_id)) == []

    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert list(published_now(review.film_id)) == [review]
    assert not was_baked(published_now)


@baked
def titled_like(text):
    return Film.objects.filter(title__icontains=text).order_by("pk")


def test_a_query_whose_parameter_is_not_the_argument_itself_is_not_baked(make_film):
    comrades = make_film(title="Comrades: Almost a Love Story")
    lion = make_film(title="To Become a Lion")

    assert list(titled_like("comrades")) == [comrades]
    assert list(titled_like("lion")) == [lion]
    assert not was_baked(titled_like)


def test_none_is_not_baked_but_still_answered(make_film):
    make_film(cast=[])

    assert list(cast_of(None)) == []


def test_a_baked_queryset_refuses_to_be_changed(make_film):
    film = make_film()

    with pytest.raises(TypeError, match="only be iterated"):
        cast_of(film.pk).filter(billing=1)


@baked
def reviews_by(author_ids):
    return Review.objects.filter(author_id__in=author_ids).order_by("pk")


def test_a_collection_argument_is_baked_for_each_length(make_review, make_user):
    ana, ben, cy = make_user(), make_user(), make_user()
    by_ana, by_ben, by_cy = make_review(author=ana), make_review(author=ben), make_review(author=cy)

    assert list(reviews_by({ana.pk})) == [by_ana]
    assert list(reviews_by({cy.pk})) == [by_cy]
    assert list(reviews_by([ben.pk, cy.pk])) == [by_ben, by_cy]
    assert list(reviews_by([ana.pk, ana.pk])) == [by_ana]  # a repeat: built afresh
    assert was_baked(reviews_by)


@baked
def published_between(start, end):
    return Review.objects.filter(published_at__gte=start, published_at__lt=end - timedelta(hours=1))


def test_a_time_shifted_from_one_of_two_times_is_filled_in_from_that_one(make_review):
    """The stand-ins' gaps differ between the two builds: `end - 1 hour` is not taken for
    `start` shifted by the stand-ins' gap."""
    now = timezone.now()
    review = make_review(published_at=now)

    assert list(published_between(now - timedelta(days=9), now + timedelta(hours=2))) == [review]
    assert list(published_between(now - timedelta(days=9), now + timedelta(minutes=30))) == []
    assert was_baked(published_between)


@baked
def published_since_the_second(now):
    return Review.objects.filter(published_at__gte=now.replace(microsecond=0))


def test_a_time_the_builder_rounds_is_not_taken_for_the_time_given(make_review):
    second = timezone.now().replace(microsecond=0)
    review = make_review(published_at=second)

    assert list(published_since_the_second(second + timedelta(microseconds=500_000))) == [review]
    assert list(published_since_the_second(second + timedelta(seconds=1))) == []


@baked
def either_film(first_id, second_id):
    return Film.objects.filter(Q(pk=first_id - 1) | Q(pk=second_id)).order_by("pk")


def test_a_number_made_from_one_argument_is_not_taken_for_another(make_film):
    """With stand-ins one apart, `first - 1` was the second's stand-in in both builds."""
    films = [make_film() for _ in range(3)]
    expected = list(Film.objects.filter(Q(pk=films[2].pk - 1) | Q(pk=films[0].pk)).order_by("pk"))

    assert list(either_film(films[2].pk, films[0].pk)) == expected
    assert len(expected) == 2
