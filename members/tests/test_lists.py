"""Members' lists: making, editing and deleting them, their pages, and the film page's part."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from films.models import Film
from members.models import LIST_MAX_FILMS, ListEntry, MemberList, add_to_list


@pytest.fixture
def make_list(make_user, make_film):
    """A list of `films` (or `count` fresh ones), in that order."""

    def make(owner=None, films=(), count=0, **fields):
        fields.setdefault("title", "Hong Kong in the nineties")
        member_list = MemberList.objects.create(owner=owner or make_user(), **fields)
        for film in [*films, *(make_film() for _ in range(count))]:
            add_to_list(member_list=member_list, film=film)
        return member_list

    return make


def test_member_makes_a_ranked_private_list(signed_in, make_user):
    member = make_user(username="odessa")

    response = signed_in(member).post(
        reverse("members:list-create"),
        {"title": "Wong Kar-wai, ranked", "description": "Mine.", "is_ranked": "on"},
    )

    made = MemberList.objects.get()
    assert response.url == "/members/odessa/lists/wong-kar-wai-ranked/"
    assert (made.owner, made.is_ranked, made.is_public) == (member, True, False)


def test_a_list_started_from_a_film_page_holds_the_film(signed_in, make_user, make_film):
    member, film = make_user(), make_film(slug="tian-mi-mi")

    signed_in(member).post(
        reverse("members:list-create") + "?film=tian-mi-mi",
        {"title": "Comfort films", "is_public": "on", "film": "tian-mi-mi"},
    )

    assert list(MemberList.objects.get().films.all()) == [film]


def test_a_list_description_too_long_counts_as_the_site_writes_numbers(signed_in, make_user):
    response = signed_in(make_user()).post(
        reverse("members:list-create"), {"title": "Long", "description": "x" * 5001}
    )

    assert response.context["form"].errors == {
        "description": ["Keep your list's description under 5,000 characters (it has 5,001)."]
    }


def test_a_list_without_a_title_is_a_field_error(signed_in, make_user):
    response = signed_in(make_user()).post(reverse("members:list-create"), {"title": ""})

    assert response.context["form"].errors == {"title": ["Give your list a title."]}
    assert MemberList.objects.count() == 0


def test_list_page_shows_films_in_order_with_notes_and_ranks(client, make_list, make_film):
    first, second = make_film(title="Chungking Express"), make_film(title="Fallen Angels")
    member_list = make_list(films=[first, second], is_ranked=True, is_public=True)
    ListEntry.objects.filter(film=second).update(note="The motorbike ride.")

    response = client.get(member_list.get_absolute_url())

    assert [e.film.title for e in response.context["entries"]] == [
        "Chungking Express",
        "Fallen Angels",
    ]
    assert '<span class="rank">2.</span>' in response.text
    assert "The motorbike ride." in response.text


def test_list_description_shows_paragraphs_and_clickable_links(client, make_list):
    member_list = make_list(
        is_public=True,
        description="Films of the handover.\n\nMore at https://example.org/hk for members.",
    )

    response = client.get(member_list.get_absolute_url())

    assertInHTML(
        '<div class="list-description"><p>Films of the handover.</p>'
        '<p>More at <a href="https://example.org/hk" rel="nofollow">https://example.org/hk</a>'
        " for members.</p></div>",
        response.text,
    )


def test_list_description_html_is_shown_as_text(client, make_list):
    member_list = make_list(is_public=True, description='<script>alert("hi")</script> <b>bold</b>')

    response = client.get(member_list.get_absolute_url())

    assertInHTML(
        '<div class="list-description">'
        "<p>&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;</p></div>",
        response.text,
    )
    assert response.text.count("<script>alert") == 0


def test_list_description_is_plain_text_in_the_pages_description(client, make_list):
    member_list = make_list(
        is_public=True, description="Films of the handover: https://example.org/hk"
    )

    response = client.get(member_list.get_absolute_url())

    plain = "Films of the handover: https://example.org/hk"
    assertInHTML(f'<meta name="description" content="{plain}">', response.text)
    assertInHTML(f'<meta property="og:description" content="{plain}">', response.text)


def test_list_form_says_the_description_makes_paragraphs_and_links(signed_in, make_user):
    response = signed_in(make_user()).get(reverse("members:list-create"))

    assert response.context["form"].fields["description"].help_text == (
        "Plain text: a blank line starts a new paragraph, and web addresses become links."
    )


def test_owner_reorders_annotates_and_removes_films(signed_in, make_list, make_film):
    films = [make_film(title=title) for title in ("A", "B", "C")]
    member_list = make_list(films=films, is_ranked=True)
    entries = list(member_list.entries.order_by("position"))
    data = {
        "title": member_list.title,
        "is_ranked": "on",
        "entries-TOTAL_FORMS": "3",
        "entries-INITIAL_FORMS": "3",
        "entries-0-id": entries[0].pk,
        "entries-0-position": "9",
        "entries-0-note": "Last now.",
        "entries-1-id": entries[1].pk,
        "entries-1-position": "2",
        "entries-1-DELETE": "on",
        "entries-2-id": entries[2].pk,
        "entries-2-position": "3",
    }

    response = signed_in(member_list.owner).post(
        reverse("members:list-update", args=[member_list.owner.username, member_list.slug]), data
    )

    assert response.status_code == 302
    assert [(e.position, e.film.title, e.note) for e in member_list.entries.all()] == [
        (1, "C", ""),
        (2, "A", "Last now."),
    ]


def test_a_bad_place_is_a_field_error_and_nothing_changes(signed_in, make_list):
    member_list = make_list(count=1)
    entry = member_list.entries.get()

    response = signed_in(member_list.owner).post(
        reverse("members:list-update", args=[member_list.owner.username, member_list.slug]),
        {
            "title": "Renamed",
            "entries-TOTAL_FORMS": "1",
            "entries-INITIAL_FORMS": "1",
            "entries-0-id": entry.pk,
            "entries-0-position": "0",
        },
    )

    assert response.context["entries"].errors == [
        {"position": ["Ensure this value is greater than or equal to 1."]}
    ]
    member_list.refresh_from_db()
    assert member_list.title == "Hong Kong in the nineties"


def test_owner_deletes_a_list(signed_in, make_list):
    member_list = make_list(count=2)

    response = signed_in(member_list.owner).post(
        reverse("members:list-delete", args=[member_list.owner.username, member_list.slug])
    )

    assert response.url == reverse("members:lists", args=[member_list.owner.username])
    assert MemberList.objects.count() == ListEntry.objects.count() == 0


def test_member_adds_a_film_to_a_list_from_the_film_page(signed_in, make_list, make_film):
    member_list = make_list(count=1)
    film = make_film(title="Tian Mi Mi")
    client = signed_in(member_list.owner)

    response = client.post(
        reverse("members:list-add"),
        {"film": film.slug, "member_list": member_list.pk, "note": "Maggie!", "next": "/films/"},
        follow=True,
    )

    added = member_list.entries.get(film=film)
    assert (added.position, added.note) == (2, "Maggie!")
    assert response.redirect_chain == [("/films/", 302)]
    assert "“Tian Mi Mi” is on your list “Hong Kong in the nineties”." in response.text


def test_adding_a_film_twice_says_so(signed_in, make_list, make_film):
    film = make_film(title="Tian Mi Mi")
    member_list = make_list(films=[film])

    response = signed_in(member_list.owner).post(
        reverse("members:list-add"),
        {"film": film.slug, "member_list": member_list.pk},
        follow=True,
    )

    assert member_list.entries.count() == 1
    assert "“Tian Mi Mi” is already on “Hong Kong in the nineties”." in response.text


def test_a_member_cannot_add_to_someone_elses_list(signed_in, make_user, make_list, make_film):
    member_list, film = make_list(is_public=True), make_film()

    response = signed_in(make_user()).post(
        reverse("members:list-add"), {"film": film.slug, "member_list": member_list.pk}, follow=True
    )

    assert member_list.entries.count() == 0
    assert "Choose one of your lists." in response.text


def test_owner_finds_a_film_on_the_list_page_and_adds_it(signed_in, make_list, make_film):
    member_list = make_list()
    film = make_film(title="Comrades: Almost a Love Story", year=1996)
    make_film(title="Chungking Express")
    client = signed_in(member_list.owner)

    empty = client.get(member_list.get_absolute_url())
    found = client.get(member_list.get_absolute_url(), {"q": "comrades"})
    response = client.post(
        reverse("members:list-add"),
        {"film": film.slug, "member_list": member_list.pk, "next": member_list.get_absolute_url()},
        follow=True,
    )

    assert "No films on this list yet. Find one above" in empty.text
    assertInHTML('<h2 id="add-a-film-heading">Add a film</h2>', empty.text)
    assert found.context["found_films"] == [film]
    assertInHTML(f'<input type="hidden" name="film" value="{film.slug}">', found.text)
    assertInHTML(f'<input type="hidden" name="member_list" value="{member_list.pk}">', found.text)
    assertInHTML(
        '<button type="submit" class="button-small">Add<span class="visually-hidden">'
        "Comrades: Almost a Love Story</span></button>",
        found.text,
    )
    assert response.redirect_chain == [(member_list.get_absolute_url(), 302)]
    assert [entry.film for entry in response.context["entries"]] == [film]
    assert (
        "“Comrades: Almost a Love Story” is on your list “Hong Kong in the nineties”."
        in response.text
    )


def test_a_film_found_that_is_on_the_list_has_no_add_button(signed_in, make_list, make_film):
    film = make_film(title="Comrades: Almost a Love Story")
    member_list = make_list(films=[film])

    response = signed_in(member_list.owner).get(member_list.get_absolute_url(), {"q": "comrades"})

    assert response.context["found_films"] == [film]
    assert response.context["on_list"] == {film.pk}
    assert 'name="member_list"' not in response.text
    assert "on the list" in response.text


def test_a_search_that_finds_nothing_or_is_too_long_says_so(signed_in, make_list):
    member_list = make_list()
    client = signed_in(member_list.owner)

    nothing = client.get(member_list.get_absolute_url(), {"q": "zzzz"})
    too_long = client.get(member_list.get_absolute_url(), {"q": "z" * 201})

    assert "No film in the catalogue matches “zzzz”." in nothing.text
    assert too_long.status_code == 200
    assert too_long.context["add_form"].errors == {
        "q": ["Ensure this value has at most 200 characters (it has 201)."]
    }


def test_another_member_sees_no_add_a_film_form_and_cannot_add(
    signed_in, client, make_user, make_list, make_film
):
    member_list = make_list(is_public=True)
    film = make_film(title="Comrades: Almost a Love Story")
    other = signed_in(make_user())

    as_other = other.get(member_list.get_absolute_url(), {"q": "comrades"})
    as_visitor = client.get(member_list.get_absolute_url(), {"q": "comrades"})
    response = other.post(
        reverse("members:list-add"),
        {"film": film.slug, "member_list": member_list.pk, "next": member_list.get_absolute_url()},
        follow=True,
    )

    for page in (as_other, as_visitor):
        assert "Add a film" not in page.text
        assert "found_films" not in page.context
        assert "No films on this list yet. Add one from a film’s page." in page.text
    assert member_list.entries.count() == 0
    assert "Choose one of your lists." in response.text


def test_a_full_list_refuses_another_film(make_list, make_film):
    member_list = make_list()
    films = Film.objects.bulk_create(
        Film(title=f"Listed {place}", slug=f"listed-{place}", year=2000)
        for place in range(1, LIST_MAX_FILMS + 1)
    )
    ListEntry.objects.bulk_create(
        ListEntry(member_list=member_list, film=film, position=place)
        for place, film in enumerate(films, start=1)
    )

    with pytest.raises(ValidationError) as refused:
        add_to_list(member_list=member_list, film=make_film())

    assert refused.value.messages == ["A list holds 1,000 films at most."]


def test_film_page_names_the_public_lists_it_is_on(client, make_list, make_film, make_user):
    film = make_film()
    make_list(films=[film], title="Public one", is_public=True)
    make_list(films=[film], title="Private one", is_public=False)
    make_list(films=[film], title="Of a gone member", owner=make_user(is_active=False))

    response = client.get(film.get_absolute_url())

    assert "Public one" in response.text
    assert "Private one" not in response.text
    assert "Of a gone member" not in response.text


def test_a_film_added_to_a_list_shows_on_the_cached_film_page(client, make_list, make_film):
    film = make_film()
    member_list = make_list(title="Comfort films", is_public=True)
    client.get(film.get_absolute_url())  # cached

    add_to_list(member_list=member_list, film=film)
    response = client.get(film.get_absolute_url())

    assert "Comfort films" in response.text


@pytest.mark.parametrize("shared_fragments", [True, False])
def test_film_page_offers_a_member_their_lists(
    signed_in, make_list, make_film, settings, shared_fragments
):
    settings.SHARED_FRAGMENTS = shared_fragments
    film = make_film()
    member_list = make_list(title="Comfort films")
    client = signed_in(member_list.owner)

    response = client.get(film.get_absolute_url())

    assertInHTML(f'<option value="{member_list.pk}">Comfort films</option>', response.text)
    assert f"{reverse('members:list-create')}?film={film.slug}" in response.text


def test_a_film_on_all_a_members_lists_says_so_instead_of_an_empty_choice(
    signed_in, make_list, make_film, make_user
):
    film = make_film()
    member = make_user()
    make_list(owner=member, title="Comfort films", films=[film])
    make_list(owner=member, title="Rainy nights", films=[film])
    client = signed_in(member)

    response = client.get(film.get_absolute_url())

    assert "It is on all your lists." in response.text
    assert 'name="member_list"' not in response.text
    assert f"{reverse('members:list-create')}?film={film.slug}" in response.text


def test_film_page_asks_a_visitor_to_sign_in_to_make_lists(client, make_film):
    response = client.get(make_film().get_absolute_url())

    assert "to put it on a list of yours." in response.text
    assert 'name="member_list"' not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_lists_index_query_count_is_constant(
    client, make_user, make_list, count, django_assert_num_queries
):
    owner = make_user()
    for _ in range(count):
        make_list(owner=owner, count=2, is_public=True)

    # the member, the count of their lists, the page of lists with film counts
    with django_assert_num_queries(3):
        response = client.get(reverse("members:lists", args=[owner.username]))

    assert [row.film_count for row in response.context["lists"]] == [2] * count


@pytest.mark.parametrize("count", [1, 3])
def test_list_page_query_count_is_constant(client, make_list, count, django_assert_num_queries):
    member_list = make_list(count=count, is_public=True)

    # the list with its owner, the count of its films, the page of films
    with django_assert_num_queries(3):
        response = client.get(member_list.get_absolute_url())

    assert len(response.context["entries"]) == count


def test_list_writes_are_rate_limited(signed_in, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "member-list": "2/m"}
    client = signed_in(make_user())
    for title in ("One", "Two", "Three"):
        response = client.post(reverse("members:list-create"), {"title": title})

    assert response.status_code == 429
    assert list(MemberList.objects.values_list("title", flat=True).order_by("pk")) == [
        "One",
        "Two",
    ]


def test_a_list_made_private_is_gone_from_the_cached_pages(client, make_list, make_film):
    film = make_film()
    member_list = make_list(films=[film], title="Comfort films", is_public=True)
    lists_page = reverse("members:lists", args=[member_list.owner.username])
    for page in (member_list.get_absolute_url(), lists_page, film.get_absolute_url()):
        client.get(page)  # cached for visitors

    member_list.is_public = False
    member_list.save()

    assert client.get(member_list.get_absolute_url()).status_code == 404
    assert "Comfort films" not in client.get(lists_page).text
    assert "Comfort films" not in client.get(film.get_absolute_url()).text
