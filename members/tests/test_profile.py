"""A member's profile: favourite four, counts, ratings, recent activity, lists, follows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from members.models import FavouriteFilm, Follow, MemberList
from reviews.models import Review


@pytest.fixture
def make_log(make_review):
    """A public log without text (a diary line), watched on `watched_on`."""

    def make(author, film=None, **fields):
        fields.setdefault("watched_on", timezone.localdate())
        return make_review(author=author, film=film, title="", body="", **fields)

    return make


def test_profile_counts_films_this_year_and_ever_reviews_and_lists(
    client, make_user, make_film, make_review, make_log
):
    odessa = make_user(username="odessa")
    tian_mi_mi, chungking = make_film(title="Tian Mi Mi"), make_film(title="Chungking Express")
    last_year = timezone.localdate().replace(month=1, day=1) - datetime.timedelta(days=1)
    make_log(odessa, tian_mi_mi)
    make_log(odessa, tian_mi_mi, is_rewatch=True)  # the same film: counted once
    make_review(author=odessa, film=chungking, watched_on=last_year)
    make_log(odessa, make_film(), watched_on=None)  # marked seen, undated
    make_review(author=odessa, title="Draft", status=Review.Status.DRAFT)
    MemberList.objects.create(owner=odessa, title="Hong Kong")
    MemberList.objects.create(owner=odessa, title="Secret", is_public=False)

    response = client.get(reverse("members:detail", args=["odessa"]))

    assert response.context["counts"] == {"films": 3, "films_this_year": 1, "reviews": 1}
    assert response.context["member"].list_count == 1
    assert [row.title for row in response.context["lists"]] == ["Hong Kong"]


def stats_of(response):
    """The profile's figures as a visitor reads them: "0 films · 0 films this year · …"."""
    html = response.text
    start = html.index(">", html.index('class="profile-stats"')) + 1
    stats = html[start : html.index("</nav>", start)]
    return " · ".join(" ".join(strip_tags(item).split()) for item in stats.split("</li>")[:-1])


def test_a_draft_counts_nowhere_a_visitor_sees_and_no_film_this_year_reads_0_films(
    client, make_user, make_review
):
    odessa = make_user(username="odessa")
    make_review(
        author=odessa,
        title="Still writing",
        status=Review.Status.DRAFT,
        watched_on=timezone.localdate(),
        rating=6,
    )

    response = client.get(reverse("members:detail", args=["odessa"]))

    assert stats_of(response).startswith("0 films · 0 films this year · 0 reviews · 0 lists")
    assert "Still writing" not in response.text
    assert "Their ratings" not in response.text
    assert "Nothing logged yet." in response.text


@pytest.mark.parametrize("logged", [1, 2])
def test_films_this_year_reads_1_film_or_2_films(
    client, make_user, make_film, make_review, make_log, logged
):
    odessa = make_user(username="odessa")
    for _ in range(logged):
        make_log(odessa, make_film())
    # A draft of another film watched this year changes neither figure.
    make_review(
        author=odessa, title="Draft", status=Review.Status.DRAFT, watched_on=timezone.localdate()
    )
    films = "1 film" if logged == 1 else "2 films"

    response = client.get(reverse("members:detail", args=["odessa"]))

    assert stats_of(response).startswith(f"{films} · {films} this year · 0 reviews")


def test_owner_counts_and_sees_their_private_lists_on_their_profile(signed_in, make_user):
    odessa = make_user(username="odessa")
    MemberList.objects.create(owner=odessa, title="Secret", is_public=False)

    response = signed_in(odessa).get(odessa.get_absolute_url())

    assert response.context["member"].list_count == 1
    assert "Secret" in response.text


def test_profile_shows_favourite_four_in_their_order(client, make_user, make_film):
    member = make_user()
    first, second = make_film(title="In the Mood for Love"), make_film(title="Days of Being Wild")
    FavouriteFilm.objects.create(member=member, film=second, position=2)
    FavouriteFilm.objects.create(member=member, film=first, position=1)

    response = client.get(member.get_absolute_url())

    assert [f.film.title for f in response.context["favourites"]] == [
        "In the Mood for Love",
        "Days of Being Wild",
    ]
    assert response.text.index("In the Mood for Love") < response.text.index("Days of Being Wild")


def test_profile_histogram_counts_each_films_current_rating(client, make_user, make_film, make_log):
    member = make_user()
    film = make_film()
    make_log(member, film, rating=4)
    make_log(member, film, rating=8, is_rewatch=True)  # rated again: replaces the 4
    make_log(member, make_film(), rating=8)

    response = client.get(member.get_absolute_url())

    summary = response.context["rating_summary"]
    assert (summary.rated, summary.counts[7], summary.counts[3]) == (2, 2, 0)
    assert "Their ratings, in half stars from ½ to 5" in response.text


def test_recent_activity_lists_latest_public_logs(client, make_user, make_film, make_log):
    member = make_user()
    make_log(member, make_film(title="Tian Mi Mi"), rating=9, liked=True)
    make_log(member, make_film(title="Hidden one"), is_hidden=True, hidden_reason="x")

    response = client.get(member.get_absolute_url())

    assert [log.film.title for log in response.context["activity"]] == ["Tian Mi Mi"]
    assert "Watched" in response.text
    assert 'aria-label="liked it"' in response.text


def test_profile_counts_followers_and_following(client, make_user):
    member, fan, idol = make_user(), make_user(), make_user()
    Follow.objects.create(follower=fan, followed=member)
    Follow.objects.create(follower=member, followed=idol)

    response = client.get(member.get_absolute_url())

    shown = response.context["member"]
    assert (shown.follower_count, shown.following_count, shown.is_followed) == (1, 1, False)


def test_profile_knows_whether_the_viewer_follows(signed_in, make_user):
    member, fan = make_user(), make_user()
    Follow.objects.create(follower=fan, followed=member)

    response = signed_in(fan).get(member.get_absolute_url())

    assert response.context["member"].is_followed is True


def test_a_follow_shows_on_the_cached_profile_at_once(client, make_user):
    member, fan = make_user(), make_user()
    client.get(member.get_absolute_url())  # cached for visitors

    Follow.objects.create(follower=fan, followed=member)
    response = client.get(member.get_absolute_url())

    assert response.context["member"].follower_count == 1


def test_profile_links_to_the_members_lists(client, make_user):
    member = make_user(username="odessa")

    response = client.get(member.get_absolute_url())

    assert f'href="{reverse("members:lists", args=["odessa"])}"' in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_profile_query_count_is_constant(
    client, make_user, make_film, make_log, count, django_assert_num_queries
):
    member = make_user()
    for place in range(1, count + 1):
        film = make_film()
        make_log(member, film, rating=place * 2, liked=True)
        FavouriteFilm.objects.create(member=member, film=film, position=place)
        MemberList.objects.create(owner=member, title=f"List {place}").films.add(
            film, through_defaults={"position": 1}
        )
        Follow.objects.create(follower=make_user(), followed=member)

    # member with counts, reviews, comments, favourites, log counts, ratings, activity, lists
    with django_assert_num_queries(9):
        response = client.get(member.get_absolute_url())

    assert len(response.context["activity"]) == count
    assert len(response.context["favourites"]) == count
    assert response.context["member"].follower_count == count


def test_member_chooses_their_favourite_four_in_the_profile_form(signed_in, make_user, make_film):
    member = make_user(username="julie")
    films = [make_film(title=title) for title in ("A", "B", "C")]
    FavouriteFilm.objects.create(member=member, film=films[2], position=1)

    response = signed_in(member).post(
        reverse("members:edit", args=["julie"]),
        {"display_name": "", "bio": "", "favourite_1": films[1].pk, "favourite_3": films[0].pk},
    )

    assert response.status_code == 302
    assert [(f.position, f.film.title) for f in FavouriteFilm.objects.filter(member=member)] == [
        (1, "B"),
        (2, "A"),
    ]


def test_the_same_favourite_twice_is_a_field_error(signed_in, make_user, make_film):
    member = make_user()
    film = make_film(title="Tian Mi Mi")

    response = signed_in(member).post(
        reverse("members:edit", args=[member.username]),
        {"display_name": "", "favourite_1": film.pk, "favourite_2": film.pk},
    )

    assert response.context["form"].errors == {
        "favourite_2": ["“Tian Mi Mi” is already a favourite."]
    }
    assert FavouriteFilm.objects.count() == 0


def test_profile_form_shows_current_favourites(signed_in, make_user, make_film):
    member = make_user()
    film = make_film(title="Tian Mi Mi")
    FavouriteFilm.objects.create(member=member, film=film, position=2)

    response = signed_in(member).get(reverse("members:edit", args=[member.username]))

    assert response.context["form"]["favourite_2"].value() == film.pk


def test_a_favourite_place_left_empty_says_no_film(signed_in, make_user, make_film):
    """The empty choice reads "No film", not "None" (which a film could be called)."""
    member = make_user()
    make_film(title="Tian Mi Mi")

    page = signed_in(member).get(reverse("members:edit", args=[member.username])).text

    assert page.count('<option value="" selected>No film</option>') == 4
    assert ">None</option>" not in page


def test_a_large_catalogue_lists_only_the_members_own_films_yet_any_film_can_be_chosen(
    signed_in, make_user, make_film, make_log, monkeypatch
):
    """Past films.picker.LISTED films, the favourite lists hold the films the member logged,
    listed, means to watch or chose, not the whole catalogue; the picker's box finds the rest."""
    monkeypatch.setattr("films.picker.LISTED", 4)
    member = make_user(username="julie")
    logged, listed, watching, chosen, _other, found = (
        make_film(title=title)
        for title in ("Logged", "Listed", "Watching", "Chosen", "Other", "Found")
    )
    make_log(author=member, film=logged)
    MemberList.objects.create(owner=member, title="Mine").entries.create(film=listed, position=1)
    member.watchlist.create(film=watching)
    FavouriteFilm.objects.create(member=member, film=chosen, position=1)
    url = reverse("members:edit", args=["julie"])

    page = strip_tags(signed_in(member).get(url).text)

    for film in (logged, listed, watching, chosen):
        assert film.title in page
    assert "Other" not in page
    assert "Found" not in page

    response = signed_in(member).post(url, {"display_name": "", "favourite_1": found.pk})

    assert response.status_code == 302
    assert [f.film for f in FavouriteFilm.objects.filter(member=member)] == [found]


def test_a_film_found_by_the_box_stays_chosen_when_the_form_comes_back_with_an_error(
    signed_in, make_user, make_film, monkeypatch
):
    monkeypatch.setattr("films.picker.LISTED", 1)
    member = make_user(username="julie")
    make_film(title="Other")
    found = make_film(title="Found", year=1995)
    url = reverse("members:edit", args=["julie"])

    response = signed_in(member).post(
        url, {"display_name": "", "favourite_1": found.pk, "favourite_2": found.pk}
    )

    assert response.status_code == 200
    assert f'<option value="{found.pk}" selected>Found (1995)</option>' in response.text
    assert "Other" not in strip_tags(response.text)


def test_a_favourite_stays_listed_however_many_films_the_member_has(
    signed_in, make_user, make_film, make_log, monkeypatch
):
    """Past LISTED films of their own, the lists still hold the chosen favourites: a favourite
    missing from its list would read "No film" and be dropped on the next save."""
    monkeypatch.setattr("films.picker.LISTED", 2)
    member = make_user(username="julie")
    for title in ("Alphaville", "Breathless", "Contempt"):
        make_log(author=member, film=make_film(title=title))
    zazie = make_film(title="Zazie dans le métro")
    FavouriteFilm.objects.create(member=member, film=zazie, position=1)

    form = signed_in(member).get(reverse("members:edit", args=["julie"])).context["form"]

    assert f'<option value="{zazie.pk}" selected>' in str(form["favourite_1"])


def test_a_number_too_long_for_a_film_is_a_field_error(signed_in, make_user, make_film):
    member = make_user(username="julie")
    make_film(title="Alphaville")

    response = signed_in(member).post(
        reverse("members:edit", args=["julie"]), {"display_name": "", "favourite_1": "9" * 5000}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["favourite_1"]


def test_a_newcomer_to_a_large_catalogue_has_only_the_box_to_find_a_film(
    signed_in, make_user, make_film, monkeypatch
):
    monkeypatch.setattr("films.picker.LISTED", 1)
    member = make_user(username="julie")
    make_film(title="Alphaville")
    make_film(title="Breathless")

    form = signed_in(member).get(reverse("members:edit", args=["julie"])).context["form"]

    assert [label for _, label in form.fields["favourite_1"].widget.choices] == ["No film"]
