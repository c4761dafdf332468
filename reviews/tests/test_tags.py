"""A log's tags: written one way (reviews.tags.normal_tags) whoever writes them, the log form
takes them, and the log's page and the diary show them."""

from datetime import date

import pytest
from django.urls import reverse

from reviews.models import Review
from reviews.tags import normal_tags
from reviews.tests.forms import log_data


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("outdoor, 35mm", "outdoor, 35mm"),
        ("  outdoor ,35mm,, ", "outdoor, 35mm"),
        ("with   friends,\twith friends", "with friends"),
        ("Outdoor, outdoor, OUTDOOR, park", "Outdoor, park"),
        ("a\x00b, c", "a b, c"),
        ("", ""),
        (",,", ""),
    ],
)
def test_tags_are_kept_one_way(text, kept):
    assert normal_tags(text) == kept


def test_a_saved_log_keeps_its_tags_as_normal_tags_writes_them(make_review):
    log = make_review(tags=" outdoor,, with friends ,Outdoor")

    log.refresh_from_db()
    assert (log.tags, log.tag_list) == ("outdoor, with friends", ["outdoor", "with friends"])


def test_the_log_form_takes_tags_and_the_log_page_shows_them(client, make_user, make_film):
    client.force_login(make_user())

    client.post(reverse("reviews:create"), log_data(make_film(), tags="outdoor,  Fort Greene"))

    log = Review.objects.get()
    assert log.tag_list == ["outdoor", "Fort Greene"]
    page = client.get(log.get_absolute_url()).text
    assert (
        '<dt>Tags</dt><dd class="tags"><span class="tag">outdoor</span>'
        '<span class="tag">Fort Greene</span></dd>'
    ) in page


def test_the_log_form_refuses_tags_over_the_limit(client, make_user, make_film):
    client.force_login(make_user())

    response = client.post(reverse("reviews:create"), log_data(make_film(), tags="x" * 501))

    assert response.context["form"].errors["tags"] == [
        "Ensure this value has at most 500 characters (it has 501)."
    ]
    assert not Review.objects.exists()


def test_the_diary_shows_each_lines_tags(client, make_user, make_review):
    member = make_user(username="odessa")
    make_review(author=member, title="", body="", watched_on=date(2024, 5, 31), tags="park, VCD")

    response = client.get(reverse("members:diary", args=["odessa"]))

    assert '<span class="tag">park</span><span class="tag">VCD</span>' in response.text


def test_a_reviews_page_shows_its_tags(client, make_review):
    review = make_review(tags="outdoor, Fort Greene")

    page = client.get(review.get_absolute_url()).text

    assert '<span class="tag">outdoor</span><span class="tag">Fort Greene</span>' in page
