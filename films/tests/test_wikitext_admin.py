"""The admin page "Import from wikitext": who may use it, the preview, the confirmation, and what
bad input gets (a message on the form, nothing saved, never a 500)."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from films.models import Country, Film, Language, Person
from films.wikitext.match import SAME

FIXTURES = Path(__file__).parent / "fixtures"
URL = reverse("admin:films_film_import_wikitext")
COMRADES = (FIXTURES / "comrades.wiki").read_text()
# The club's readable copy of the same article, which the seeds came from.
COMRADES_READABLE = (FIXTURES / "comrades.txt").read_text()


@pytest.fixture
def staff_with(make_user, signed_in):
    """A signed-in client of a staff member holding these films permissions."""

    def make(*codenames):
        user = make_user(is_staff=True)
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
        return signed_in(user)

    return make


@pytest.fixture
def importer(staff_with, db):
    Country.objects.create(code="HK", name="Hong Kong")
    Language.objects.create(code="yue", name="Cantonese")
    return staff_with("add_film", "change_film")


def errors(response):
    return response.context["form"].non_field_errors() + [
        error for field in response.context["form"] for error in field.errors
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response.url


def test_staff_without_the_add_permission_are_refused(staff_with):
    assert staff_with("change_film").get(URL).status_code == 403
    assert staff_with().post(URL, {"text": COMRADES}).status_code == 403
    assert Film.objects.count() == 0


def test_staff_who_may_add_films_see_the_form_and_the_changelist_link(staff_with):
    client = staff_with("add_film", "view_film")

    page = client.get(URL)
    changelist = client.get(reverse("admin:films_film_changelist"))

    assert "Wikitext of the article" in page.text
    assert f'href="{URL}"' in changelist.text


def test_preview_shows_every_fact_and_saves_nothing(importer):
    response = importer.post(URL, {"text": COMRADES})

    plan = response.context["plan"]
    assert plan.film is None
    # 12 of the film's fields, a country, a language, 3 companies, 9 crew, 9 cast, 25 accolades
    # and the first release.
    assert len(plan.facts) == 12 + 1 + 1 + 3 + 9 + 9 + 25 + 1
    assert "Kristy Yeung" in response.text
    assert "34th Golden Horse Film Festival and Awards (1997)" in response.text
    assert "Section “Production”: not read" in response.text
    assert (Film.objects.count(), Person.objects.count()) == (0, 0)


def preview_then_confirm(client, text, **choices):
    preview = client.post(URL, {"text": text})
    form = preview.context["form"]
    data = {"payload": form["payload"].value()}
    for name, field in form.fields.items():
        if name != "payload" and field.initial not in (None, False, ""):
            data[name] = "on" if field.initial is True else field.initial
    data.update(choices)
    return client.post(URL, data)


def test_confirm_adds_the_film_with_its_credits(importer):
    response = preview_then_confirm(importer, COMRADES)

    film = Film.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:films_film_change", args=[film.pk])
    assert (film.title, film.cast.count(), film.crew.count(), film.accolades.count()) == (
        "Comrades: Almost a Love Story",
        9,
        9,
        25,
    )
    page = importer.get(response.url)
    assert "Added Comrades: Almost a Love Story (1996) from its article." in page.text


def test_the_new_film_is_on_the_public_site(importer, client):
    preview_then_confirm(importer, COMRADES)

    page = client.get(Film.objects.get().get_absolute_url())

    assert "Lai Siu-gwan" in page.text
    assert "Golden Space Needle Award: Best Film" in page.text


def test_an_altered_payload_is_refused(importer):
    preview = importer.post(URL, {"text": COMRADES})
    payload = preview.context["form"]["payload"].value()

    response = importer.post(URL, {"payload": payload[:-3] + "xyz"})

    assert errors(response) == ["This preview is too old or was altered: paste the article again."]
    assert Film.objects.count() == 0


def test_an_ambiguous_person_must_be_chosen(importer, make_person):
    make_person(name="Eric Tsang", slug="eric-tsang")
    make_person(name="Eric Tsang", slug="eric-tsang-2")

    response = preview_then_confirm(importer, COMRADES)

    assert errors(response) == ["Choose who “Eric Tsang” is."]
    assert Film.objects.count() == 0


def test_each_persons_choices_are_one_group_named_by_a_legend(importer, make_person):
    make_person(name="Eric Tsang", slug="eric-tsang")
    make_person(name="Eric Tsang", slug="eric-tsang-2")

    response = importer.post(URL, {"text": COMRADES})

    groups = re.findall(
        r'<fieldset class="wikitext-choice">\s*<legend>(.*?)</legend>(.*?)</fieldset>',
        response.text,
        flags=re.S,
    )
    people = response.context["plan"].people
    assert [legend for legend, _ in groups] == [f"Who “{person.name}” is" for person in people]
    [eric] = [radios for legend, radios in groups if "Eric Tsang" in legend]
    assert eric.count('type="radio"') == 3  # the two in the catalogue and a new person


def test_updating_a_film_needs_the_change_permission(staff_with, make_film):
    make_film(title="Comrades: Almost a Love Story", year=1996)

    response = preview_then_confirm(staff_with("add_film"), COMRADES)

    assert errors(response) == [
        "Comrades: Almost a Love Story (1996) is already in the catalogue, and you may add films "
        "but not change them: ask someone who may."
    ]
    assert Film.objects.get().cast.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "'''Tian Mi Mi''' is a song by [[Teresa Teng]].",
            "This is not a film article: it has no film infobox ({{Infobox film}}), and it is "
            "not an article's readable text either (a “= Title =” first line, then the infobox "
            "as lines like “- Director: Peter Chan”). Paste the wikitext of the film's article, "
            "as its “Edit source” page shows it, or its readable text.",
        ),
        (
            COMRADES.replace('| gross          = HK$15,557,580<ref name="hkmdb" />\n}}', ""),
            "The film infobox is broken: its “{{” is never closed by “}}”, so none of it can be "
            "read. Check the wikitext you pasted is complete.",
        ),
        ("   ", "Paste the article's wikitext or choose a .wiki file."),
    ],
    ids=["not-a-film", "unclosed-infobox", "empty"],
)
def test_bad_articles_get_a_message_and_nothing_is_saved(importer, text, message):
    response = importer.post(URL, {"text": text})

    assert response.status_code == 200
    assert errors(response) == [message]
    assert Film.objects.count() == 0


def test_a_five_megabyte_paste_is_refused(importer):
    response = importer.post(URL, {"text": COMRADES + "x" * 5_000_000})

    assert response.status_code == 200
    assert errors(response)[0].startswith("The article is ")
    assert errors(response)[0].endswith("the limit is 1.0\xa0MB. Paste only the film's article.")
    assert Film.objects.count() == 0


def test_a_five_megabyte_file_is_refused(importer):
    upload = SimpleUploadedFile("big.wiki", COMRADES.encode() + b"x" * 5_000_000)

    response = importer.post(URL, {"file": upload})

    assert errors(response) == [
        "The article is 4.8\xa0MB; the limit is 1.0\xa0MB. Paste only the film's article."
    ]


def test_a_file_that_is_not_utf8_is_refused(importer):
    upload = SimpleUploadedFile("latin1.wiki", "{{Infobox film|name=Amélie}}".encode("latin-1"))

    response = importer.post(URL, {"file": upload})

    assert errors(response)[0].startswith("The file is not UTF-8 text (byte ")
    assert Film.objects.count() == 0


def test_a_utf8_file_is_read(importer):
    upload = SimpleUploadedFile("comrades.wiki", COMRADES.encode())

    response = importer.post(URL, {"file": upload})

    assert response.context["plan"].article.original_title == "甜蜜蜜"


def test_the_preview_is_rate_limited(importer, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "wikitext-import": "2/m"}
    statuses = [importer.post(URL, {"text": "no infobox"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def cast_article(count):
    lines = "\n".join(f"* [[Actor {n}]] as Character {n}" for n in range(count))
    return f"{{{{Infobox film\n| name = Test\n| director = [[Someone]]\n}}}}\n==Cast==\n{lines}\n"


@pytest.mark.parametrize("count", [1, 3])
def test_preview_query_count_is_constant(importer, make_person, count, django_assert_num_queries):
    for n in range(count):
        make_person(name=f"Actor {n}")

    with django_assert_num_queries(6):
        response = importer.post(URL, {"text": cast_article(count)})

    assert len(response.context["plan"].people) == count + 1


def test_a_paste_over_the_request_limit_with_csrf_checks_is_a_400_page(signed_in, make_user):
    """In a browser the CSRF check reads the form before the page does: a paste larger than
    Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) gets the site's 400 page, not a 500."""
    user = make_user(is_staff=True, is_superuser=True)
    client = signed_in(user, enforce_csrf_checks=True)
    token = client.get(URL).context["csrf_token"]

    response = client.post(URL, {"text": "x" * 5_000_000, "csrfmiddlewaretoken": str(token)})

    assert response.status_code == 400
    assert "far too long" in response.text
    assert Film.objects.count() == 0


def test_text_with_more_markup_than_any_film_article_is_refused_before_parsing(importer):
    text = COMRADES.replace("==Cast==\n", "==Cast==\n" + "* [[Somebody]] as Someone\n" * 6000)

    response = importer.post(URL, {"text": text})

    assert errors(response) == [
        "This text has more markup than any film article (12,227 links, templates, list items "
        "and table cells; at most 10,000 are read). Paste only the film's article."
    ]


def test_the_form_says_both_forms_are_read(staff_with):
    page = staff_with("add_film").get(URL)

    assert "Wikitext of the article, or its readable text" in page.text
    assert "readable text: a <code>= Title =</code> first line" in page.text


def test_readable_text_over_the_seeded_catalogue_shows_nothing_new(seeded, staff_with):
    response = staff_with("add_film", "change_film").post(URL, {"text": COMRADES_READABLE})

    plan = response.context["plan"]
    assert plan.film == Film.objects.get(slug="comrades-almost-a-love-story")
    assert [(fact.key, fact.status) for fact in plan.facts if fact.status != SAME] == []
    # 9 of the film's fields (not the native title's three), a country, a language, 3 companies,
    # 9 crew, 9 cast, 25 accolades and the first release.
    assert len(plan.facts) == 9 + 1 + 1 + 3 + 9 + 9 + 25 + 1
    assert response.text.count('type="checkbox"') == 0


def test_readable_text_into_an_empty_catalogue_adds_the_film_and_its_people(importer):
    response = preview_then_confirm(importer, COMRADES_READABLE)

    film = Film.objects.get()
    assert response.url == reverse("admin:films_film_change", args=[film.pk])
    assert (film.title, str(film.release_date), film.runtime_minutes) == (
        "Comrades: Almost a Love Story",
        "1996-11-02",
        116,
    )
    assert list(film.cast.order_by("billing").values_list("person__name", "character")[:2]) == [
        ("Leon Lai", "Lai Siu-gwan"),
        ("Maggie Cheung", "Lee Kiu"),
    ]
    assert (film.cast.count(), film.crew.count(), film.accolades.count()) == (9, 9, 25)
    # The 18 people the wikitext gives, and "Kristy Yeung" (the accolades table's spelling of
    # Kristy Yang: the readable text has no link to say they are one person).
    assert Person.objects.count() == 18 + 1
    assert (
        film.accolades.get(
            category="Best Director", ceremony__body__name="Hong Kong Film Awards"
        ).person.name
        == "Peter Chan"
    )
