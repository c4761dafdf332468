"""A member's diary, its inline editing, the film page's member status box and actions, and the
watchlist toggle."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils.html import strip_tags

from members.models import WatchlistEntry
from reviews.models import Review


def text_of(response):
    return " ".join(strip_tags(response.text).split())


@pytest.fixture
def make_log(make_review):
    """A log without text, published, watched on `watched_on`."""

    def make(**fields):
        fields.setdefault("title", "")
        fields.setdefault("body", "")
        return make_review(**fields)

    return make


def log_daily(make_log, member, count):
    """`count` logs by `member`, one a day from 1 May 2024."""
    for day in range(1, count + 1):
        make_log(author=member, watched_on=date(2024, 5, day))


def test_diary_lists_dated_logs_by_month_latest_first(client, make_user, make_film, make_log):
    member = make_user(username="odessa")
    comrades = make_film(title="Comrades")
    may = make_log(author=member, film=comrades, watched_on=date(2024, 5, 31), rating=7)
    rewatch = make_log(author=member, film=comrades, watched_on=date(2024, 5, 2), is_rewatch=True)
    april = make_log(author=member, watched_on=date(2024, 4, 9), liked=True)
    make_log(author=member)  # undated: marked seen, not in the diary

    response = client.get(reverse("members:diary", args=["odessa"]))

    assert list(response.context["logs"]) == [may, rewatch, april]
    text = text_of(response)
    assert text.index("May 2024") < text.index("April 2024")
    assert "31 May 2024 Comrades 2000 ★★★½ rated 3½ out of 5" in text
    assert "2 May 2024 Comrades 2000 rewatch" in text
    assert "9 April 2024 Film" in text
    assert "♥ liked" in text
    assert "3 films logged with a date." in text
    assert "Edit" not in text  # not their diary


def test_others_see_public_logs_the_member_sees_their_drafts(
    client, make_user, make_review, make_log
):
    member = make_user(username="odessa")
    public = make_log(author=member, watched_on=date(2024, 5, 1))
    draft = make_review(author=member, status=Review.Status.DRAFT, watched_on=date(2024, 5, 2))
    make_log(author=member, watched_on=date(2024, 5, 3), is_hidden=True, hidden_reason="Spam")
    url = reverse("members:diary", args=["odessa"])

    assert list(client.get(url).context["logs"]) == [public]
    client.force_login(member)
    own = client.get(url)
    assert [log.pk for log in own.context["logs"]][1:] == [draft.pk, public.pk]
    assert "draft review" in text_of(own)


def test_diary_of_an_unconfirmed_member_is_not_found_by_others(client, make_user):
    member = make_user(username="spammer")
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)

    assert client.get(reverse("members:diary", args=["spammer"])).status_code == 404
    assert client.get(reverse("members:diary", args=["nobody"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_diary_query_count_is_constant(
    client, make_user, make_log, count, django_assert_num_queries
):
    member = make_user(username="odessa")
    log_daily(make_log, member, count)

    with django_assert_num_queries(3):
        response = client.get(reverse("members:diary", args=["odessa"]))

    assert len(response.context["logs"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_own_diary_query_count_is_constant(
    signed_in, make_user, make_log, count, django_assert_num_queries
):
    member = make_user(username="odessa")
    log_daily(make_log, member, count)
    client = signed_in(member)

    with django_assert_num_queries(5):
        response = client.get(reverse("members:diary", args=["odessa"]))

    assert len(response.context["logs"]) == count
    assert response.text.count("Edit in full") == count


# Editing one's own diary in place


@pytest.fixture
def odessas_log(make_user, make_log):
    """Odessa's log of 1 May 2024, rated 4."""
    return make_log(author=make_user(username="odessa"), watched_on=date(2024, 5, 1), rating=4)


def edit_in_place(client, log, data):
    """Post `data` to the diary line of `log`, following the redirect."""
    url = reverse("members:diary-entry", args=[log.author.username, log.pk])
    return client.post(url, data, follow=True)


def test_member_edits_a_diary_line_in_place(signed_in, odessas_log):
    log = odessas_log
    client = signed_in(log.author)

    response = edit_in_place(
        client, log, {"watched_on": "2024-05-03", "rating": "9", "is_rewatch": "on"}
    )

    log.refresh_from_db()
    assert (log.watched_on, log.rating, log.is_rewatch, log.liked) == (
        date(2024, 5, 3),
        9,
        True,
        False,
    )
    assert response.redirect_chain[-1][0] == reverse("members:diary", args=["odessa"]) + (
        f"#log-{log.pk}"
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"Your log of {log.film.title} is saved."
    ]


def test_a_diary_line_refuses_a_bad_date_and_changes_nothing(signed_in, odessas_log):
    log = odessas_log
    client = signed_in(log.author)

    response = edit_in_place(client, log, {"watched_on": "2999-01-01", "rating": "12"})

    log.refresh_from_db()
    assert (log.watched_on, log.rating) == (date(2024, 5, 1), 4)
    [message] = [str(message) for message in response.context["messages"]]
    assert message.startswith("Not saved: ")
    assert "That date has not come yet" in message


def test_a_diary_line_refuses_a_date_before_the_film_came_out(signed_in, odessas_log):
    log = odessas_log
    film = log.film

    response = edit_in_place(signed_in(log.author), log, {"watched_on": "1890-01-01"})

    log.refresh_from_db()
    assert log.watched_on == date(2024, 5, 1)
    assert [str(message) for message in response.context["messages"]] == [
        f"Not saved: {film.title} came out in {film.year}: when did you see it?"
    ]


# The watchlist toggle


def test_watchlist_toggle_adds_then_removes_and_goes_back(signed_in, make_user, make_film):
    member = make_user()
    film = make_film(title="Comrades")
    client = signed_in(member)
    url = reverse("members:watchlist-toggle", args=[film.slug])

    added = client.post(url, {"next": "/films/?page=2"})
    assert added.url == "/films/?page=2"
    assert list(WatchlistEntry.objects.values_list("member", "film")) == [(member.pk, film.pk)]

    removed = client.post(url, {"next": "https://evil.example/"}, follow=True)
    assert removed.redirect_chain[0][0] == film.get_absolute_url()
    assert WatchlistEntry.objects.count() == 0
    assert [str(m) for m in removed.context["messages"]] == [
        "Comrades is on your watchlist.",
        "Comrades is off your watchlist.",
    ]


def test_watchlist_toggle_asks_a_visitor_to_sign_in_and_refuses_get(
    client, signed_in, make_user, make_film
):
    film = make_film()
    url = reverse("members:watchlist-toggle", args=[film.slug])

    assert client.post(url).url.startswith(reverse("account_login"))
    assert signed_in(make_user()).get(url).status_code == 405
    assert signed_in(make_user()).post("/members/watchlist/no-such-film/toggle/").status_code == 404
    assert WatchlistEntry.objects.count() == 0


def test_watchlist_toggle_is_rate_limited(signed_in, make_user, make_film, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "watchlist": "1/m"}
    film = make_film()
    client = signed_in(make_user())
    url = reverse("members:watchlist-toggle", args=[film.slug])

    client.post(url)
    response = client.post(url)

    assert response.status_code == 429
    assert WatchlistEntry.objects.count() == 1


def test_logging_a_film_takes_it_off_the_watchlist(signed_in, make_user, make_film):
    member, other = make_user(), make_user()
    film = make_film()
    WatchlistEntry.objects.create(member=member, film=film)
    WatchlistEntry.objects.create(member=other, film=film)

    signed_in(member).post(
        reverse("reviews:create"),
        {"film": film.pk, "watched_on": "2024-05-31", "action": "publish"},
    )

    assert Review.objects.filter(author=member).count() == 1
    assert list(WatchlistEntry.objects.values_list("member", flat=True)) == [other.pk]


def test_logging_a_film_marked_seen_takes_it_off_the_watchlist(signed_in, make_user, make_film):
    member = make_user()
    film = make_film()
    client = signed_in(member)
    client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"})
    WatchlistEntry.objects.create(member=member, film=film)  # to see it again

    client.post(
        reverse("reviews:create"),
        {"film": film.pk, "watched_on": "2024-05-31", "action": "publish"},
    )

    assert Review.objects.filter(author=member).count() == 1
    assert WatchlistEntry.objects.count() == 0


def rate_nine(client, film):
    return client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "9"}, follow=True)


def log_dated(client, film):
    data = {"film": film.pk, "watched_on": "2024-05-31", "action": "publish"}
    return client.post(reverse("reviews:create"), data, follow=True)


@pytest.mark.parametrize(
    ("log", "message"),
    [(rate_nine, "Rated 4½ out of 5."), (log_dated, "Logged: it is in your diary.")],
    ids=["quick rating", "log form"],
)
def test_logging_a_watchlisted_film_says_it_is_off_the_watchlist(
    signed_in, make_user, make_film, log, message
):
    member = make_user()
    film = make_film()
    WatchlistEntry.objects.create(member=member, film=film)

    response = log(signed_in(member), film)

    assert [str(m) for m in response.context["messages"]] == [
        f"{message} It is off your watchlist: you have seen it."
    ]
    assert WatchlistEntry.objects.count() == 0


def test_reviewing_a_watchlisted_film_marked_seen_says_it_is_off_the_watchlist(
    signed_in, make_user, make_film
):
    member = make_user()
    film = make_film()
    client = signed_in(member)
    client.post(reverse("reviews:rate", args=[film.slug]), {"rating": "8"}, follow=True)
    WatchlistEntry.objects.create(member=member, film=film)  # to see it again

    response = client.post(
        reverse("reviews:create"),
        {"film": film.pk, "watched_on": "2024-05-31", "body": "Better.", "action": "publish"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Your review is published. It is off your watchlist: you have seen it."
    ]
    assert WatchlistEntry.objects.count() == 0


def test_rating_a_logged_film_again_leaves_the_watchlist_alone(
    signed_in, make_user, make_film, make_log
):
    member = make_user()
    film = make_film()
    make_log(author=member, film=film, watched_on=date(2024, 5, 31))
    WatchlistEntry.objects.create(member=member, film=film)  # to see it again

    response = signed_in(member).post(
        reverse("reviews:rate", args=[film.slug]), {"rating": "8"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["Rated 4 out of 5."]
    assert WatchlistEntry.objects.count() == 1


# The film page's member status box


def test_film_page_shows_each_member_their_own_status(
    signed_in, client, make_user, make_film, make_log
):
    odessa, kit = make_user(username="odessa"), make_user(username="kit")
    film = make_film(title="Comrades")
    make_log(author=odessa, film=film, watched_on=date(2024, 5, 31), rating=7, liked=True)
    make_log(author=odessa, film=film, watched_on=date(2023, 1, 2))
    WatchlistEntry.objects.create(member=kit, film=film)

    as_odessa = signed_in(odessa).get(film.get_absolute_url())
    as_kit = signed_in(kit).get(film.get_absolute_url())  # the shared part is kept by now
    as_visitor = client.get(film.get_absolute_url())

    odessa_text = text_of(as_odessa)
    assert "You watched it on 31 May 2024 (2 times)" in odessa_text
    assert "You rated it ★★★½ 3½ out of 5" in odessa_text
    assert "You liked it" in odessa_text
    assert 'aria-pressed="false">Watchlist' in as_odessa.text
    kit_text = text_of(as_kit)
    assert "You have not logged it yet" in kit_text
    assert "You watched it" not in kit_text
    assert 'aria-pressed="true">Watchlist' in as_kit.text
    visitor_text = text_of(as_visitor)
    assert "Sign in to log it, rate it or keep it on your watchlist." in visitor_text
    assert "You have not logged it yet" not in visitor_text
    assert "csrfmiddlewaretoken" not in as_visitor.text  # so the page may be cached for visitors
    assert f'href="/reviews/new/?film={film.slug}">Log</a>' in as_visitor.text


def test_film_page_offers_editing_the_members_review(signed_in, make_user, make_review):
    member = make_user()
    review = make_review(author=member, title="First look")

    response = signed_in(member).get(review.film.get_absolute_url())

    assert f'href="{reverse("reviews:update", args=[review.slug])}">Edit your review</a>' in (
        response.text
    )


@pytest.mark.parametrize("count", [1, 3])
def test_film_page_as_a_member_query_count_is_constant(
    signed_in, make_user, make_film, make_log, count, django_assert_num_queries
):
    member = make_user()
    film = make_film(director=True)
    for day in range(1, count + 1):
        make_log(author=member, film=film, watched_on=date(2024, 5, day), rating=day)
    client = signed_in(member)
    client.get(film.get_absolute_url())  # the page's shared part is kept for everyone

    # The session, the member, the film; the rest is kept for everyone but the member's status
    # box (their logs of the film and their watchlist) and their lists ("Add it to your list").
    with django_assert_num_queries(6):
        response = client.get(film.get_absolute_url())

    assert f"({count} times)" in text_of(response) or count == 1


def test_a_visitors_diary_page_shows_a_new_log(client, make_user, make_log):
    member = make_user(username="odessa")
    make_log(author=member, watched_on=date(2024, 5, 1))
    url = reverse("members:diary", args=["odessa"])
    assert len(client.get(url).context["logs"]) == 1

    make_log(author=member, watched_on=date(2024, 5, 2))

    assert "2 films logged with a date." in text_of(client.get(url))


def test_a_drafts_rating_is_said_to_be_the_drafts_not_the_members(
    signed_in, make_user, make_film, make_review
):
    """A draft's rating is not public: with only a draft rated 2★, the film has no rating from
    members, and the box does not say the member rated it."""
    member, film = make_user(), make_film()
    make_review(author=member, film=film, status=Review.Status.DRAFT, rating=4)

    page = text_of(signed_in(member).get(film.get_absolute_url()))

    assert "No member has rated it yet." in page
    assert "Your draft review gives it ★★ 2 out of 5" in page
    assert "You rated it" not in page


def test_a_drafts_other_rating_is_said_beside_the_members_rating(
    signed_in, make_user, make_film, make_log, make_review
):
    member, film = make_user(), make_film()
    make_log(author=member, film=film, watched_on=date(2024, 5, 31), rating=8)
    make_review(author=member, film=film, status=Review.Status.DRAFT, rating=6)

    page = text_of(signed_in(member).get(film.get_absolute_url()))

    assert "You rated it ★★★★ 4 out of 5" in page
    assert "Your draft review gives it ★★★ 3 out of 5" in page
