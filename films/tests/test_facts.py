"""A film's credits and small facts in one query (films.facts): the same rows, in the same
order, with the same values as a query of each model gives them, for the seed film and for rows
whose ordering columns are empty (which the two databases order differently, and the one query
as each does)."""

import datetime

import pytest
from django.db.models import F

from films.facts import FACTS, film_facts, in_order
from films.models import CastCredit, Company, CrewCredit, Film, FilmCompany
from films.reception import ListAppearance, ReleaseEvent
from films.templatetags.films_tags import link


def as_queried(model, film):
    """The film's rows of `model` as its page read them before: a query of their own."""
    rows = model.objects.filter(film=film)
    if FACTS[model]:
        rows = rows.select_related(FACTS[model])
    return list(rows)


def values(row):
    fields = [field.attname for field in row._meta.concrete_fields]
    shown = {name: getattr(row, name) for name in fields}
    if related := FACTS[type(row)]:
        linked = getattr(row, related)
        shown[related] = (linked.pk, linked.name, linked.slug, link(linked))
    return shown


def assert_as_queried(film):
    facts = film_facts(film)
    for model in FACTS:
        assert [values(row) for row in facts[model]] == [
            values(row) for row in as_queried(model, film)
        ], model
        assert all(row.film is film for row in facts[model])


def test_the_seed_films_facts_are_its_rows_as_queried(seeded):
    film = Film.objects.get(slug="comrades-almost-a-love-story")

    assert_as_queried(film)
    facts = film_facts(film)
    assert isinstance(facts[ReleaseEvent][0].date, datetime.date)
    assert {credit.company.name for credit in facts[FilmCompany]} >= {"Golden Harvest"}
    assert facts[CastCredit][0].person.name == "Leon Lai"
    assert [credit.person.name for credit in facts[CrewCredit] if credit.role == "director"] == [
        "Peter Chan"
    ]


def test_rows_with_empty_ordering_columns_are_ordered_as_queried(make_film, make_person):
    film, other = make_film(), make_film()
    for year, date in [(1997, None), (1996, datetime.date(1996, 11, 2)), (1996, None)]:
        ReleaseEvent.objects.create(
            film=film, kind="festival", year=year, date=date, place=f"{date}"
        )
    for rank, year in [(None, 2010), (3, None), (1, 2012), (None, None)]:
        ListAppearance.objects.create(
            film=film, list_name=f"List {rank} {year}", publisher="P", rank=rank, year=year
        )
    studio = Company.objects.create(name="Zeta", slug="zeta")
    for company in (studio, Company.objects.create(name="Alpha", slug="alpha")):
        FilmCompany.objects.create(film=film, company=company, role=FilmCompany.Role.STUDIO)
    FilmCompany.objects.create(film=other, company=studio, role=FilmCompany.Role.DISTRIBUTOR)
    for billing, person in [(2, make_person()), (1, make_person()), (1, make_person())]:
        CastCredit.objects.create(film=film, person=person, billing=billing)

    assert_as_queried(film)
    assert_as_queried(other)


@pytest.mark.parametrize("model", FACTS)
def test_a_film_without_facts_has_none(make_film, model):
    assert film_facts(make_film())[model] == []


def test_an_order_is_given_by_columns_only():
    assert [str(order) for order in in_order(FilmCompany, ["role", "-company__name", "pk"])] == [
        str(F("role").asc()),
        str(F("company__name").desc()),
        str(F("pk").asc()),
    ]
    with pytest.raises(ValueError, match="name the column"):
        in_order(CastCredit, ["person"])  # Django would order by Person's own ordering
    with pytest.raises(TypeError):
        in_order(CastCredit, [F("billing").asc()])
