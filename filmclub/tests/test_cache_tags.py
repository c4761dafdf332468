"""A write makes stale what it changed, and only that: cached pages, shared parts and kept values
declare tags (`review:7`, `screenings`) and each write bumps the tags of what it changed."""

from django.test import Client
from django.urls import reverse

from core import pagecache


def hits(client, pages):
    return [client.get(page).get("X-Page-Cache") for page in pages]


def test_a_comment_on_one_review_leaves_other_pages_cached(
    client, make_review, make_comment, make_film
):
    film = make_film(title="Comrades")
    review_a, review_b = make_review(film=film), make_review()
    pages = [review_b.get_absolute_url(), reverse("films:list"), reverse("screenings:list")]
    for page in [review_a.get_absolute_url(), *pages]:
        client.get(page)

    make_comment(review_a, body="A fresh thought.")
    page_a = client.get(review_a.get_absolute_url())

    assert page_a["X-Page-Cache"] == "miss"
    assert "A fresh thought." in page_a.text
    assert hits(client, pages) == ["hit", "hit", "hit"]
    # the lists that count review A's comments are fresh too
    assert "1 comment</a>" in client.get(film.get_absolute_url()).text
    assert "1 comment</a>" in client.get(reverse("reviews:list")).text


def test_a_comment_leaves_the_other_reviews_shared_part_kept_for_members(
    signed_in, make_user, make_review, make_comment, django_assert_num_queries
):
    review_a, review_b = make_review(), make_review()
    make_comment(review_b, body="On B.")
    member = signed_in(make_user())
    member.get(review_b.get_absolute_url())

    make_comment(review_a, body="On A.")

    # session and member, review B's likes and theirs: review B, its discussion's shape and
    # its thread are still kept
    with django_assert_num_queries(3):
        page = member.get(review_b.get_absolute_url())
    assert "On B." in page.text


def test_tracking_parameters_share_the_page_their_target_cached(client, make_film):
    make_film(title="Comrades", year=1996)
    make_film(title="Tian Mi Mi", year=1997)
    client.get(reverse("films:list"), {"year": "1996"})

    tracked = client.get(
        reverse("films:list"), {"year": "1996", "utm_source": "mastodon", "fbclid": "x1"}
    )
    other = client.get(reverse("films:list"), {"year": "1996", "utm_campaign": "y2"})

    assert (tracked["X-Page-Cache"], other["X-Page-Cache"]) == ("hit", "hit")
    assert "1 film</p>" in tracked.text


def test_a_page_that_declares_nothing_is_served_but_not_kept(client, db, settings):
    settings.ROOT_URLCONF = "filmclub.tests.urls_undeclared"

    client.get("/undeclared/")
    response = client.get("/undeclared/")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_an_entry_built_while_its_tag_was_bumped_is_not_kept(db):
    builds = []

    def build():
        builds.append(1)
        pagecache.depends_on("film:1")
        pagecache.bump("film:1")  # a write lands while the value is being built
        return len(builds)

    assert pagecache.cached("racy", build) == 1
    assert pagecache.cached("racy", lambda: 2) == 2  # not kept: built again


def test_a_kept_value_lasts_until_one_of_its_tags_is_bumped(db):
    def build(value, *tags):
        def make():
            pagecache.depends_on(*tags)
            return value

        return make

    assert pagecache.cached("a", build(1, "film:1", "catalogue")) == 1
    pagecache.bump("film:2", "review:1")
    assert pagecache.cached("a", build(2)) == 1
    pagecache.bump("film:1")
    assert pagecache.cached("a", build(3)) == 3
    pagecache.invalidate_all()  # after writes that sent no signal
    assert pagecache.cached("a", build(4)) == 4


def test_tags_declared_inside_a_shared_part_count_for_the_page_when_served_from_the_cache(
    signed_in, client, make_user, make_film
):
    film = make_film(title="Comrades")
    signed_in(make_user()).get(film.get_absolute_url())  # a member fills the shared part

    client.get(film.get_absolute_url())  # a visitor's page, built around the kept part
    film.title = "Tian Mi Mi"
    film.save()
    response = Client().get(film.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assert "Tian Mi Mi" in response.text


def test_made_up_parameters_are_served_but_not_kept(client, make_film):
    make_film(title="Comrades")

    responses = [client.get(reverse("films:list"), {"q": "comrades", "x": "1"}) for _ in range(2)]

    assert all("X-Page-Cache" not in response for response in responses)
    assert "1 film matching" in responses[1].text


def test_an_entry_naming_many_members_depends_on_them_all_at_once(make_user):
    members = [make_user() for _ in range(pagecache.MANY + 5)]

    def build():
        pagecache.depends_on("review:1", *(f"user:{member.pk}" for member in members))
        return "thread"

    pagecache.cached("thread", build)
    (tags, _value), _clock = pagecache.fetch("value:thread")
    members[3].display_name = "Renamed"
    members[3].save()

    assert tags == {"review:1", "users", "all"}
    assert pagecache.cached("thread", lambda: "rebuilt") == "rebuilt"
