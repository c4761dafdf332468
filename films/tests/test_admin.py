from django.urls import reverse

from core.tests.autocomplete import autocomplete_query
from films.models import CastCredit, CrewCredit, Film, Person


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


INLINE_PREFIXES = [
    "alternative_titles",
    "cast",
    "crew",
    "companies",
    "accolades",
    "release_events",
    "quotes",
    "list_appearances",
]


def film_form(**overrides):
    data = {"title": "To Become a Lion", "slug": "to-become-a-lion", "kind": "short"}
    for prefix in INLINE_PREFIXES:
        data.update(inline_management(prefix))
    data.update(overrides)
    return data


def test_film_changelist_searches_original_titles(staff_client, seeded):
    response = staff_client.get(reverse("admin:films_film_changelist"), {"q": "Tian Mi Mi"})

    assert [film.title for film in response.context["cl"].result_list] == [
        "Comrades: Almost a Love Story"
    ]


def test_film_change_form_shows_every_inline(staff_client, seeded):
    film = Film.objects.get(slug="comrades-almost-a-love-story")

    response = staff_client.get(reverse("admin:films_film_change", args=[film.pk]))

    prefixes = [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]
    assert prefixes == INLINE_PREFIXES
    assert "Lai Siu-gwan" in response.text


def test_film_add_with_cast_and_crew(staff_client, make_person):
    david = make_person(name="David Ma")
    data = film_form(
        **inline_management("crew", total=1),
        **{"crew-0-role": "director", "crew-0-order": "1", "crew-0-person": str(david.pk)},
        **inline_management("cast", total=1),
        **{"cast-0-billing": "1", "cast-0-person": str(david.pk), "cast-0-character": "Lion"},
    )

    response = staff_client.post(reverse("admin:films_film_add"), data)

    assert response.status_code == 302
    film = Film.objects.get(slug="to-become-a-lion")
    assert film.directors() == [david]
    assert film.cast.get().character == "Lion"


def test_film_negative_runtime_is_a_form_error(staff_client, db):
    response = staff_client.post(reverse("admin:films_film_add"), film_form(runtime_minutes="-5"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["runtime_minutes"] == [
        "Ensure this value is greater than or equal to 0."
    ]
    assert not Film.objects.exists()


def test_cast_row_without_person_is_a_form_error(staff_client, db):
    data = film_form(
        **inline_management("cast", total=1),
        **{"cast-0-billing": "1", "cast-0-person": "", "cast-0-character": "Jeremy"},
    )

    response = staff_client.post(reverse("admin:films_film_add"), data)

    cast_formset = response.context["inline_admin_formsets"][1].formset
    assert cast_formset.errors == [{"person": ["This field is required."]}]
    assert not Film.objects.exists()


def test_duplicate_crew_credit_is_a_form_error(staff_client, make_person):
    david = make_person(name="David Ma")
    row = {"role": "director", "order": "1", "person": str(david.pk)}
    data = film_form(**inline_management("crew", total=2))
    for index in range(2):
        data.update({f"crew-{index}-{key}": value for key, value in row.items()})

    response = staff_client.post(reverse("admin:films_film_add"), data)

    crew_formset = response.context["inline_admin_formsets"][2].formset
    assert crew_formset.non_form_errors() == [
        "Please correct the duplicate data for person and role, which must be unique."
    ]
    assert not CrewCredit.objects.exists()


def test_person_autocomplete_finds_other_spellings(staff_client, seeded):
    response = staff_client.get(
        reverse("admin:autocomplete"), autocomplete_query(CastCredit, "person", term="Ho-sun")
    )

    assert [item["text"] for item in response.json()["results"]] == ["Peter Chan"]


def test_merge_people_from_the_changelist(staff_client, make_film, make_person):
    keep = make_person(name="Kristy Yang")
    duplicate = make_person(name="Kristy Yeung")
    film = make_film()
    CastCredit.objects.create(film=film, person=duplicate, character="Fong Siu-ting")
    url = reverse("admin:films_person_changelist")
    selection = {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]}

    confirm = staff_client.post(url, selection)
    response = staff_client.post(url, {**selection, "keep": keep.pk})

    assert "Merge 2 people into one" in confirm.text
    assert response.status_code == 302
    assert list(Person.objects.values_list("name", flat=True)) == ["Kristy Yang"]
    assert list(keep.aliases.values_list("name", flat=True)) == ["Kristy Yeung"]
    assert keep.cast_credits.get().film == film


def test_merge_needs_two_people(staff_client, make_person):
    person = make_person()

    response = staff_client.post(
        reverse("admin:films_person_changelist"),
        {"action": "merge_selected", "_selected_action": [person.pk]},
        follow=True,
    )

    assert "Select at least two people to merge." in response.text
    assert Person.objects.count() == 1


def test_catalogue_admin_refuses_members(client, make_user):
    client.force_login(make_user())

    response = client.get(reverse("admin:films_film_changelist"))

    assert response.status_code == 302


def test_film_change_form_closes_each_inline_to_a_summary_line(staff_client, seeded):
    film = Film.objects.get(slug="comrades-almost-a-love-story")

    response = staff_client.get(reverse("admin:films_film_change", args=[film.pk]))

    headings = {
        formset.formset.prefix: (formset.opts.verbose_name_plural, formset.is_collapsible)
        for formset in response.context["inline_admin_formsets"]
    }
    assert headings["cast"] == (f"Cast: {film.cast.count()} people", True)
    assert headings["accolades"] == (f"Accolades: {film.accolades.count()}", True)
    assert headings["crew"] == (f"Crew credits: {film.crew.count()}", True)
    assert '<h2 id="cast-heading" class="inline-heading">' in response.text
    assert response.text.count("<details><summary>") == sum(
        1 for _, closed in headings.values() if closed
    )


def test_film_add_form_has_one_empty_row_per_inline_open(staff_client, db):
    response = staff_client.get(reverse("admin:films_film_add"))

    formsets = response.context["inline_admin_formsets"]
    assert [len(formset.formset.forms) for formset in formsets] == [1] * len(INLINE_PREFIXES)
    assert [formset.is_collapsible for formset in formsets] == [False] * len(INLINE_PREFIXES)


def test_every_inline_control_is_labelled_by_its_row(staff_client, make_film, make_person):
    film = make_film(cast=[make_person(name="Maggie Cheung")])

    response = staff_client.get(reverse("admin:films_film_change", args=[film.pk]))

    assert 'aria-label="Cast member 1: character"' in response.text
    assert 'aria-label="Cast member 1: delete"' in response.text
    assert 'aria-label="Cast member 2: person"' in response.text  # the empty row
    assert 'aria-label="New cast member: billing"' in response.text  # "Add another" copies it


def test_film_changelist_and_form_show_the_poster(staff_client, make_film):
    from films.tests.test_posters import image_upload

    film = make_film(title="Comrades", poster=image_upload())
    plain = make_film(title="No poster")

    changelist = staff_client.get(reverse("admin:films_film_changelist"))
    form = staff_client.get(reverse("admin:films_film_change", args=[film.pk]))
    plain_form = staff_client.get(reverse("admin:films_film_change", args=[plain.pk]))

    film.refresh_from_db()
    url = film.poster_card.url
    thumbnail = f'<img class="poster-thumbnail" src="{url}" alt="Poster for Comrades"'
    assert f'{thumbnail} width="40" height="60">' in changelist.text
    assert f'{thumbnail} width="120" height="180">' in form.text
    assert "No poster yet: the pages show a placeholder." in plain_form.text


def test_film_page_offers_staff_to_schedule_a_screening(staff_client, make_film):
    film = make_film()

    response = staff_client.get(reverse("admin:films_film_change", args=[film.pk]))

    link = reverse("admin:screenings_screening_add") + f"?feature={film.pk}"
    assert f'<a href="{link}" class="addlink">Schedule a screening of this film</a>' in (
        response.text
    )
