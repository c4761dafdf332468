"""Hostile and malformed input never gives a 500: it gets a clear 4xx or a form error."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.admin_widgets import AutocompleteAdmin
from core.tests.autocomplete import autocomplete_query
from films.tests.test_admin import film_form
from films.validators import RefusesControlCharacters, refuse_control_characters
from members.tests.joining import signup
from reviews.models import Review

# Every public page of the seeded club, lists, detail pages and feeds.
PUBLIC_PAGES = [
    "/",
    "/films/",
    "/films/comrades-almost-a-love-story/",
    "/films/comrades-almost-a-love-story/reviews/",
    "/films/comrades-almost-a-love-story/reviews/feed/",
    "/people/peter-chan/",
    "/reviews/",
    "/reviews/feed/",
    "/reviews/odessa-comrades-almost-a-love-story/",
    "/members/odessa/",
    "/screenings/",
    "/screenings/past/",
    "/screenings/calendar.ics",
    "/screenings/2025-06-30-fort-greene-park/",
    "/screenings/2025-06-30-fort-greene-park/calendar.ics",
    "/venues/fort-greene-park/",
    "/search/",
    "/people/",
]
PARAMS = ["q", "year", "country", "language", "page", "sort", "x"]
param_names = st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=20))

query_values = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(["", "0", "-1", "1e309", "last", "%00", "\x00", "NaN", "9" * 40, "'; --"]),
)


@pytest.fixture
def catalogue(seeded):
    return seeded


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(PUBLIC_PAGES),
    params=st.dictionaries(param_names, query_values, max_size=4),
)
def test_any_query_parameters_never_give_a_server_error(client, catalogue, path, params):
    response = client.get(path, params)

    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 201}, "q"),
        ({"year": "99999999999999999999"}, "year"),
        ({"country": "nowhere"}, "country"),
    ],
)
def test_bad_catalogue_filters_are_field_errors(client, catalogue, params, field):
    response = client.get(reverse("films:list"), params)

    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == [field]
    assert len(response.context["films"]) == 5


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999999", "1.5"])
def test_bad_page_numbers_are_404_in_the_sites_look(client, catalogue, page):
    response = client.get(reverse("films:list"), {"page": page})

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/films/%00/",
        "/films/" + "a" * 2000 + "/",
        "/people/%E2%80%AE/",
        "/reviews/..%2F..%2Fetc%2Fpasswd/",
        "/members/nobody-at-all/",
    ],
)
def test_unknown_or_odd_slugs_are_404(client, catalogue, url):
    response = client.get(url)

    assert response.status_code == 404


def test_query_string_with_too_many_fields_is_a_friendly_400(client, catalogue):
    response = client.get("/films/?" + "&".join(f"k{n}=v" for n in range(2000)))

    assert response.status_code == 400
    assert "We couldn’t understand that request" in response.text


def test_long_query_string_is_answered(client, catalogue):
    response = client.get(reverse("films:list"), {"q": "lion", "x": "y" * 5000})

    assert response.status_code == 200
    assert len(response.context["films"]) == 1


def test_nul_byte_and_over_long_title_in_the_film_admin_are_field_errors(client, staff_user, db):
    client.force_login(staff_user)
    data = film_form(title="Lion\x00", slug="x" * 400, year="abc")

    response = client.post(reverse("admin:films_film_add"), data)

    assert response.status_code == 200
    assert sorted(response.context["adminform"].form.errors) == ["slug", "title", "year"]


# A NUL character (%00) in a query string: PostgreSQL refuses it in any text compared, which gave
# 500s wherever a view or the admin filtered on it. Every such request is refused with a 400.


def admin_filter_urls():
    """Each admin list's search and every one of its list filters, given a NUL."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        urls.append(f"{changelist}?q=%00")
        urls += [
            f"{changelist}?{name}__exact=%00"
            for name in model_admin.list_filter
            if isinstance(name, str)
        ]
    return urls


def autocomplete_urls():
    """The admin's autocomplete search for every autocomplete field, given a NUL."""
    searches = [
        autocomplete_query(model, field_name, term="\x00")
        for model, model_admin in admin.site._registry.items()
        for field_name in model_admin.autocomplete_fields
    ]
    return [f"/admin/autocomplete/?{urlencode(search)}" for search in searches]


@pytest.mark.parametrize(
    "url",
    [
        "/reviews/new/?film=%00",
        "/films/?q=lion%00",
        "/films/?country=%00",
        "/films/?%00=x",
        *admin_filter_urls(),
        *autocomplete_urls(),
    ],
)
def test_nul_in_a_query_string_is_a_400_for_members_and_staff(client, staff_user, url):
    client.force_login(staff_user)

    response = client.get(url)

    assert response.status_code == 400
    assert "We couldn’t understand that request" in response.text


def test_every_admin_list_filter_is_covered():
    assert "/admin/films/film/?title__exact=%00" not in admin_filter_urls()  # not a list filter
    assert "/admin/films/film/?year__exact=%00" in admin_filter_urls()
    assert len(autocomplete_urls()) >= 3


@pytest.mark.parametrize(
    "url",
    [
        "/admin/films/film/?title__exact=lion",
        "/admin/reviews/review/?author__id__exact=abc",
        "/admin/films/film/abc/change/",
        "/admin/autocomplete/?app_label=reviews&model_name=review&field_name=film&term=x&page=abc",
        "/admin/autocomplete/?app_label=reviews&model_name=review&field_name=nope&term=x",
    ],
)
def test_odd_admin_parameters_are_never_a_server_error(client, staff_user, make_review, url):
    make_review()
    client.force_login(staff_user)

    response = client.get(url)

    assert response.status_code in (200, 302, 400, 403, 404)


def test_a_non_numeric_autocomplete_choice_is_a_field_error(client, staff_user, make_review):
    client.force_login(staff_user)
    review = make_review()

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        {
            "film": "abc",
            "author": "\x00",
            "title": review.title,
            "slug": review.slug,
            "body": review.body,
            "status": review.status,
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"film", "author"} <= set(errors)


def test_every_admin_with_autocomplete_fields_shows_a_bad_id_as_a_field_error():
    admins = [type(model_admin) for model_admin in admin.site._registry.values()]
    admins += [
        inline for model_admin in admin.site._registry.values() for inline in model_admin.inlines
    ]

    with_autocomplete = [cls for cls in admins if cls.autocomplete_fields]

    assert len(with_autocomplete) == 11
    assert all(issubclass(cls, AutocompleteAdmin) for cls in with_autocomplete)


# Control characters (issue 14, finding 4): refused where text comes in, as an error of its field.

CONTROL = "Remove the invisible control character (U+%04X) from this text."


@pytest.mark.parametrize(
    ("character", "field"),
    [("\x01", "title"), ("\x1b", "body"), ("\x85", "body"), ("\x7f", "how_i_saw_it")],
)
def test_a_control_character_in_a_review_is_a_field_error(
    client, make_user, make_film, character, field
):
    client.force_login(make_user())
    data = {"film": make_film().pk, "title": "Almost", "body": "The end.", "action": "publish"}
    data[field] = f"Al{character}most"

    response = client.post(reverse("reviews:create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [CONTROL % ord(character)]}
    assert not Review.objects.exists()


def test_a_control_character_in_a_comment_is_a_field_error(client, make_user, make_review):
    review = make_review()
    client.force_login(make_user())

    response = client.post(reverse("reviews:comment", args=[review.slug]), {"body": "Hi\x07"})

    assert response.context["form"].errors == {"body": [CONTROL % 7]}
    assert not review.comments.exists()


def test_control_characters_in_a_profile_are_field_errors(client, make_user):
    member = make_user(username="julie", display_name="Julie")
    client.force_login(member)

    response = client.post(
        reverse("members:edit", args=["julie"]), {"display_name": "Ju\x08lie", "bio": "A\x0cB"}
    )

    assert response.context["form"].errors == {
        "display_name": [CONTROL % 8],
        "bio": [CONTROL % 12],
    }
    member.refresh_from_db()
    assert member.display_name == "Julie"


def test_a_control_character_in_the_sign_up_display_name_is_a_field_error(client, db):
    response = signup(client, display_name="New\x01")

    assert response.context["form"].errors == {"display_name": [CONTROL % 1]}


def test_control_characters_in_the_admin_are_field_errors(client, staff_user, make_user):
    client.force_login(staff_user)
    member = make_user(username="julie")

    film = client.post(reverse("admin:films_film_add"), film_form(title="Lion\x01"))
    user = client.post(
        reverse("admin:filmclub_user_change", args=[member.pk]),
        {
            "username": "julie",
            "email": "julie@example.com",
            "display_name": "Ju\x1flie",
            "bio": "",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "00:00:00",
            "is_active": "on",
        },
    )

    assert film.context["adminform"].form.errors == {"title": [CONTROL % 1]}
    assert user.context["adminform"].form.errors == {"display_name": [CONTROL % 0x1F]}


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\ufffe", "\uffff", "\x9f"])
def test_lone_surrogates_and_noncharacters_are_refused_too(text):
    with pytest.raises(ValidationError):
        refuse_control_characters(text)


@pytest.mark.parametrize(
    "text", ["Tab\tand\r\nnew line", "甜蜜蜜 — “quoted” 🎬", "\u00a0non-breaking"]
)
def test_text_people_type_is_accepted(text):
    refuse_control_characters(text)


def test_every_model_members_or_staff_write_refuses_control_characters():
    written = [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"films", "reviews", "screenings", "seasons"}
        or model is get_user_model()
    ]

    assert len(written) > 20
    assert [m.__name__ for m in written if not issubclass(m, RefusesControlCharacters)] == []
