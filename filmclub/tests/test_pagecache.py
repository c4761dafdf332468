from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from filmclub.tests.test_security import run_settings


def test_anonymous_page_is_served_from_cache_without_queries(
    client, make_film, django_assert_num_queries
):
    make_film(title="To Become a Lion")
    first = client.get(reverse("films:list"))

    with django_assert_num_queries(0):
        second = client.get(reverse("films:list"))

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_free_text_searches_are_served_but_nothing_built_for_them_is_kept(
    client, signed_in, make_user, make_film, make_person
):
    make_film(title="Comrades", director=True)
    make_person(name="Maggie Cheung")
    films, people = reverse("films:list"), reverse("films:people")
    member = signed_in(make_user())
    client.get(films)  # the catalogue, its part and its filter options are kept
    kept = set(caches["pages"]._cache)

    searches = [(client, films, f"lion {n}") for n in range(20)]
    searches += [(client, people, f"cheung {n}") for n in range(20)]
    searches += [(member, films, f"comrades {n}") for n in range(10)]  # shared parts, counts
    answers = [browser.get(page, {"q": text}) for browser, page, text in searches]
    cheung = client.get(people, {"q": "Cheung"})

    assert [answer.status_code for answer in answers] == [200] * 50
    assert "0 films matching “lion 7”" in answers[7].text
    assert "1 person matching “Cheung”" in cheung.text
    assert "X-Page-Cache" not in cheung
    assert set(caches["pages"]._cache) == kept
    assert client.get(films)["X-Page-Cache"] == "hit"


def test_cached_page_is_never_stale_after_a_change(client, make_film):
    film = make_film(title="Old title")
    client.get(film.get_absolute_url())

    film.title = "New title"
    film.save()
    response = client.get(film.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assert "<h1>New title</h1>" in response.text


def test_many_to_many_change_invalidates(client, make_film, make_person):
    film = make_film(title="Before")
    client.get(reverse("films:list"))

    film.countries.create(code="HK", name="Hong Kong")
    response = client.get(reverse("films:list"))

    assert response["X-Page-Cache"] == "miss"


def test_signing_in_leaves_cached_pages_cached(client, make_user, make_review):
    member = make_user(display_name="Leo")
    make_review(author=member, title="To Become a Lion")
    pages = [reverse("films:list"), reverse("reviews:list"), member.get_absolute_url()]
    for page in pages:
        client.get(page)

    Client().force_login(member)  # stamps last_login, which no page shows
    member.display_name = "Leon"
    again = [client.get(page) for page in pages]
    member.save()  # a change the pages naming the member show
    after_change = [client.get(page) for page in pages[1:]]

    assert [response["X-Page-Cache"] for response in again] == ["hit"] * 3
    assert [response["X-Page-Cache"] for response in after_change] == ["miss"] * 2
    assert all("Leon" in response.text for response in after_change)
    assert client.get(pages[0])["X-Page-Cache"] == "hit"  # the catalogue names no member


def test_signed_in_member_pages_are_not_cached(client, make_user, make_film):
    make_film()
    client.force_login(make_user(username="odessa"))

    client.get(reverse("films:list"))
    response = client.get(reverse("films:list"))

    assert "X-Page-Cache" not in response
    assert "odessa" in response.text


def test_cached_page_never_holds_a_members_name(client, make_user, make_film):
    make_film()
    member = make_user(username="odessa")
    client.force_login(member)
    client.get(reverse("films:list"))
    client.logout()

    response = client.get(reverse("films:list"))

    assert member.username not in response.text


def test_page_with_a_csrf_token_is_not_cached(client, db):
    client.get(reverse("account_login"))
    response = client.get(reverse("account_login"))

    assert "X-Page-Cache" not in response
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_page_for_a_visitor_with_pending_messages_is_not_cached(client, make_film):
    film = make_film()
    client.cookies["messages"] = "pending"

    client.get(film.get_absolute_url())
    response = client.get(film.get_absolute_url())

    assert "X-Page-Cache" not in response


def test_pages_are_invalidated_again_when_the_change_commits(
    client, make_film, django_capture_on_commit_callbacks
):
    """A page rendered between the save and the commit shows the old data: the second bump at
    commit makes sure such a page is never served afterwards."""
    film = make_film(title="Before")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        film.title = "After"
        film.save()
        client.get(film.get_absolute_url())  # cached during the transaction
    response = client.get(film.get_absolute_url())

    assert len(callbacks) == 1
    assert response["X-Page-Cache"] == "miss"


def test_page_cache_is_off_without_a_shared_cache_in_production():
    result = run_settings(
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.example"},
        "settings.PAGE_CACHE_SECONDS",
    )

    assert result.stdout.strip() == "0"
