"""Hearts on reviews: the toggle, its rules, the counts, and the film page's popular reviews."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from core.baked import NOT_BAKEABLE
from reviews.film_section import LATEST
from reviews.likes import like_counts
from reviews.models import Review, ReviewLike


def like_url(review):
    return reverse("reviews:like", args=[review.slug])


def popular_section(text):
    """The film page's popular reviews, as its text shows them."""
    return text[text.index("Popular reviews of this film") : text.index("Recent reviews")]


@pytest.fixture
def hearts(make_user):
    """Hearts on a review, each from a new member."""

    def give(review, count=1):
        for _ in range(count):
            ReviewLike.objects.create(review=review, member=make_user())

    return give


def test_like_then_unlike(signed_in, make_user, make_review):
    fan, review = make_user(), make_review()
    client = signed_in(fan)

    liked = client.post(like_url(review), follow=True)
    likes_after_first = ReviewLike.objects.filter(review=review, member=fan).count()
    unliked = client.post(like_url(review), follow=True)

    assert likes_after_first == 1
    assert "You like this review." in liked.text
    assert liked.context["like_count"] == 1
    assert liked.context["liked"] is True
    assert ReviewLike.objects.count() == 0
    assert unliked.context["like_count"] == 0
    assert unliked.context["liked"] is False


def test_review_page_shows_the_count_to_visitors_with_no_button(client, make_review, hearts):
    review = make_review()
    hearts(review, 2)

    response = client.get(review.get_absolute_url())

    assert "2 likes" in response.text
    assert reverse("reviews:like", args=[review.slug]) not in response.text
    assert "to like it." in response.text


def test_author_sees_the_count_but_no_button(signed_in, make_review):
    review = make_review()

    response = signed_in(review.author).get(review.get_absolute_url())

    assert "0 likes" in response.text
    assert like_url(review) not in response.text


def test_liking_ones_own_review_is_refused(signed_in, make_review):
    review = make_review()

    response = signed_in(review.author).post(like_url(review))

    assert response.status_code == 403
    assert ReviewLike.objects.count() == 0


@pytest.mark.parametrize("state", ["draft", "hidden", "scheduled", "log without text"])
def test_a_review_one_may_not_read_cannot_be_liked(signed_in, make_user, make_review, state):
    review = make_review()
    if state == "draft":
        Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
    elif state == "hidden":
        review.hide("Spam")
    elif state == "scheduled":
        Review.objects.filter(pk=review.pk).update(published_at="2999-01-01T00:00Z")
    else:
        Review.objects.filter(pk=review.pk).update(title="", body="")

    response = signed_in(make_user()).post(like_url(review))

    assert response.status_code == 404
    assert ReviewLike.objects.count() == 0


def test_hidden_reviews_show_no_hearts_even_to_moderators(signed_in, staff_user, make_review):
    review = make_review()
    ReviewLike.objects.create(review=review, member=staff_user)
    review.hide("Spam")

    response = signed_in(staff_user).get(review.get_absolute_url())

    assert response.status_code == 200
    assert "like_count" not in response.context
    assert "1 like" not in response.text


def test_an_unconfirmed_member_cannot_like(signed_in, make_user, make_review):
    fan, review = make_user(), make_review()
    EmailAddress.objects.create(user=fan, email=fan.email, verified=False, primary=True)

    response = signed_in(fan).post(like_url(review))

    assert response.status_code == 403
    assert ReviewLike.objects.count() == 0


def test_like_needs_sign_in_and_post(client, signed_in, make_user, make_review):
    review = make_review()

    visitor = client.post(like_url(review))
    get = signed_in(make_user()).get(like_url(review))

    assert visitor.url.startswith(reverse("account_login"))
    assert get.status_code == 405
    assert ReviewLike.objects.count() == 0


def test_like_is_rate_limited(signed_in, make_user, make_review, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "review-like": "2/m"}
    review = make_review()
    client = signed_in(make_user())
    client.post(like_url(review))
    client.post(like_url(review))

    response = client.post(like_url(review))

    assert response.status_code == 429
    assert ReviewLike.objects.count() == 0


def test_like_returns_to_next(signed_in, make_user, make_review):
    review = make_review()

    response = signed_in(make_user()).post(like_url(review), {"next": "/reviews/"})

    assert response.url == "/reviews/"


def test_cards_count_hearts_of_active_members(client, make_user, make_review):
    review = make_review()
    ReviewLike.objects.create(review=review, member=make_user())
    ReviewLike.objects.create(review=review, member=make_user(is_active=False))

    response = client.get(reverse("reviews:list"))

    assert [card.like_count for card in response.context["reviews"]] == [1]
    assert "♥ 1" in response.text


def test_a_like_shows_at_once_on_a_cached_review_page(client, signed_in, make_user, make_review):
    review = make_review()
    client.get(review.get_absolute_url())  # kept for visitors

    signed_in(make_user()).post(like_url(review))
    response = client.get(review.get_absolute_url())

    assert "1 like" in response.text


def test_film_page_shows_popular_reviews_most_liked_first(client, make_film, make_review, hearts):
    film = make_film()
    quiet = make_review(film=film, title="Quiet")
    loved = make_review(film=film, title="Loved")
    liked = make_review(film=film, title="Liked")
    hearts(loved, 2)
    hearts(liked)

    response = client.get(film.get_absolute_url())

    popular = popular_section(response.text)
    assert popular.index("Loved") < popular.index("Liked")
    assert quiet.title not in popular


@pytest.mark.parametrize("others", [LATEST - 4, LATEST])  # 3 + others reviews in all
def test_the_most_liked_are_popular_whether_or_not_among_the_latest_listed(
    client, make_film, make_review, hearts, others
):
    """Fewer than the LATEST listed: the popular ones are found among them. More: the most liked
    may be older than the latest listed, and are looked up."""
    film = make_film()
    day = timezone.now() - datetime.timedelta(days=30)
    old_and_loved = make_review(film=film, title="Old and loved", published_at=day)
    tied = [
        make_review(film=film, title=f"Tied {n}", published_at=day + datetime.timedelta(hours=n))
        for n in (1, 2)
    ]
    for number in range(others):
        make_review(film=film, title=f"Newer {number}")
    hearts(old_and_loved, 3)
    for review in tied:
        hearts(review)

    response = client.get(film.get_absolute_url())

    popular = popular_section(response.text)
    assert popular.index("Old and loved") < popular.index("Tied 2") < popular.index("Tied 1")
    assert "Newer" not in popular


def test_film_page_has_no_popular_section_without_hearts(client, make_review):
    review = make_review()

    response = client.get(review.film.get_absolute_url())

    assert "Popular reviews of this film" not in response.text


def test_a_like_updates_a_cached_film_page(client, signed_in, make_review, make_user):
    review = make_review(title="Soon popular")
    film_page = review.film.get_absolute_url()
    client.get(film_page)  # kept, with its shared part

    signed_in(make_user()).post(like_url(review))
    response = client.get(film_page)

    assert "Popular reviews of this film" in response.text


def test_a_liked_review_deleted_leaves_a_cached_film_pages_popular_reviews(
    client, make_film, make_review, hearts
):
    film = make_film()
    gone = make_review(film=film, title="Soon gone")
    stays = make_review(film=film, title="Stays")
    hearts(gone, 2)
    hearts(stays)
    assert "Soon gone" in client.get(film.get_absolute_url()).text  # kept, with its shared part

    gone.delete()
    text = client.get(film.get_absolute_url()).text

    popular = popular_section(text)
    assert "Stays" in popular
    assert "Soon gone" not in text


def test_a_like_deleted_with_its_members_account_updates_a_cached_film_page(
    client, make_review, make_user
):
    review = make_review(title="Liked once")
    fan = make_user()
    ReviewLike.objects.create(review=review, member=fan)
    assert "Popular reviews of this film" in client.get(review.film.get_absolute_url()).text

    fan.delete()

    assert "Popular reviews of this film" not in client.get(review.film.get_absolute_url()).text


def test_hidden_reviews_are_never_popular(client, make_review, hearts):
    review = make_review()
    hearts(review)
    review.hide("Spam")

    response = client.get(review.film.get_absolute_url())

    assert "Popular reviews of this film" not in response.text


def test_liking_ones_own_review_says_why_it_is_refused(signed_in, make_review):
    review = make_review()

    response = signed_in(review.author).post(like_url(review))

    assert "You cannot like your own review." in response.text
    assert "Send the confirmation mail again" not in response.text


def test_a_member_reads_the_count_of_active_members_and_whether_they_like_it(
    signed_in, make_user, make_review, monkeypatch
):
    """The review page's hearts for a member who may like it (likes.like_counts, kept SQL)."""
    monkeypatch.setattr(like_counts, "_compiled", {})  # nothing kept by earlier tests
    review, member, other = make_review(), make_user(), make_user()
    ReviewLike.objects.create(review=review, member=other)
    ReviewLike.objects.create(review=review, member=make_user(is_active=False))
    client = signed_in(member)

    before = client.get(review.get_absolute_url())
    ReviewLike.objects.create(review=review, member=member)
    after = client.get(review.get_absolute_url())
    nobody = signed_in(member).get(make_review().get_absolute_url())

    assert (before.context["like_count"], before.context["liked"]) == (1, False)
    assert (after.context["like_count"], after.context["liked"]) == (2, True)
    assert "2 likes" in after.text
    assert "♥</span> Liked" in after.text
    assert (nobody.context["like_count"], nobody.context["liked"]) == (0, False)
    assert like_counts._compiled
    assert NOT_BAKEABLE not in like_counts._compiled.values()
