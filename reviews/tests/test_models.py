from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from reviews.discussions import build_thread
from reviews.models import BODY_MAX_LENGTH, Comment, Review, ReviewLike
from reviews.ratings import half_stars


@pytest.mark.parametrize(
    ("value", "label"), [(1, "½ star"), (2, "1 star"), (7, "3½ stars"), (10, "5 stars")]
)
def test_rating_labels_in_half_stars(make_review, value, label):
    assert make_review(rating=value).rating_label == label


def test_half_stars_of_the_average():
    assert [half_stars(value) for value in (1, 4, 9)] == ["½", "2", "4½"]


def test_database_refuses_a_rating_beyond_five_stars(make_review):
    with pytest.raises(IntegrityError):
        make_review(rating=11)


def test_model_and_database_refuse_a_body_beyond_the_limit(make_review):
    review = make_review()
    review.body = "x" * (BODY_MAX_LENGTH + 1)

    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert list(refused.value.message_dict) == ["body"]
    with pytest.raises(IntegrityError):
        Review.objects.filter(pk=review.pk).update(body=review.body)


def test_database_refuses_hiding_without_reason(make_review):
    review = make_review()

    with pytest.raises(IntegrityError):
        Review.objects.filter(pk=review.pk).update(is_hidden=True)


def test_rating_summary_counts_each_half_star_in_one_query(
    make_film, make_review, django_assert_num_queries
):
    film = make_film()
    for rating in [1, 1, 6, None]:
        make_review(film=film, rating=rating)

    with django_assert_num_queries(1):
        summary = Review.objects.published().for_film(film).rating_summary()

    assert (summary.reviews, summary.rated, summary.average_label) == (4, 3, "1½")
    assert summary.counts == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert [bar["height"] for bar in summary.bars] == [80, 0, 0, 0, 0, 40, 0, 0, 0, 0]


def test_visible_to_narrows_to_what_each_user_may_read(make_review, make_user):
    author, staff = make_user(), make_user(is_staff=True, is_superuser=True)
    staff_without_permissions = make_user(is_staff=True)
    public = make_review(title="Public")
    draft = make_review(title="Draft", author=author, status=Review.Status.DRAFT)
    hidden = make_review(title="Hidden", author=author, is_hidden=True, hidden_reason="x")

    def titles(user):
        return sorted(r.title for r in Review.objects.visible_to(user))

    assert titles(AnonymousUser()) == ["Public"]
    assert titles(author) == ["Draft", "Hidden", "Public"]
    assert titles(staff) == ["Hidden", "Public"]
    assert titles(staff_without_permissions) == ["Public"]
    assert {public.pk, draft.pk, hidden.pk} == set(Review.objects.values_list("pk", flat=True))


def test_one_review_is_visible_to_whoever_the_queryset_shows_it_to(make_review, make_user):
    author, other = make_user(), make_user()
    staff, staff_without_permissions = (
        make_user(is_staff=True, is_superuser=True),
        make_user(is_staff=True),
    )
    reviews = [
        make_review(title="Public"),
        make_review(author=author, status=Review.Status.DRAFT),
        make_review(author=author, is_hidden=True, hidden_reason="x"),
        make_review(author=other, is_hidden=True, hidden_reason="x"),
        make_review(author=author, published_at=timezone.now() + timedelta(days=1)),
        make_review(author=staff, status=Review.Status.DRAFT),
    ]

    for user in (AnonymousUser(), author, staff, staff_without_permissions, other):
        shown = set(Review.objects.visible_to(user).values_list("pk", flat=True))
        assert {r.pk for r in reviews if r.is_visible_to(user)} == shown, user


def test_build_thread_drops_deleted_leaves_and_keeps_deleted_parents(make_review, make_comment):
    review = make_review()
    kept = make_comment(review, is_deleted=True, body="")
    reply = make_comment(review, parent=kept)
    make_comment(review, is_deleted=True, body="")

    thread = build_thread(
        list(Comment.objects.for_thread(review)), review=review, user=AnonymousUser()
    )

    assert [(node, node.show_body, node.children) for node in thread] == [(kept, False, [reply])]


def test_stored_html_follows_every_edit_of_the_body(make_review):
    review = make_review(body="A *quiet* film.")
    assert "<em>quiet</em>" in review.body_html

    review.body = "A **loud** film <script>alert(1)</script>."
    review.save()
    review.refresh_from_db()

    assert "<strong>loud</strong>" in review.body_html
    assert "<script" not in review.body_html
    # HTML tags are left out, their text kept.
    assert review.excerpt == "A loud film alert(1)."


def test_hiding_a_review_keeps_its_stored_html(make_review):
    review = make_review(body="Kept *as is*.")
    review.hide("Spam")
    review.refresh_from_db()

    assert "<em>as is</em>" in review.body_html


def test_comment_html_is_escaped_with_links_and_paragraphs(make_review, make_comment):
    comment = make_comment(make_review(), body="<b>hi</b> see https://example.org\n\nbye")

    assert comment.body_html == (
        '<p>&lt;b&gt;hi&lt;/b&gt; see <a href="https://example.org" rel="nofollow">'
        "https://example.org</a></p>\n\n<p>bye</p>"
    )


def test_deleting_a_comment_with_replies_clears_its_stored_html(make_review, make_comment):
    parent = make_comment(make_review(), body="I said something.")
    make_comment(parent.review, parent=parent)

    parent.delete_by_author()
    parent.refresh_from_db()

    assert (parent.body, parent.body_html) == ("", "")


@pytest.mark.parametrize("comments", [1, 3])
def test_deleting_a_review_costs_as_many_queries_whatever_its_comments(
    make_review, make_comment, make_user, django_assert_num_queries, comments
):
    """Each comment deleted with its review bumps its cache tags without looking anything up
    (reviews.apps.comment_tags): a review with many comments deletes in as many queries."""
    review = make_review()
    first = make_comment(review, author=make_user())
    for _ in range(comments - 1):
        make_comment(review, author=make_user(), parent=first)

    # its comments, their replies, its likes; screenings' and suggestions' programme notes
    # unset; the comments' delete and its own
    with django_assert_num_queries(7):
        review.delete()


@pytest.mark.parametrize("likes", [1, 3])
def test_deleting_a_review_costs_as_many_queries_whatever_its_likes(
    make_review, make_user, django_assert_num_queries, likes
):
    """Each like deleted with its review bumps its cache tags (its review's, its film's popular
    reviews) from the review deleted, without looking its film up (reviews.apps.like_tags)."""
    review = make_review()
    for _ in range(likes):
        ReviewLike.objects.create(review=review, member=make_user())

    # its comments (none), its likes; screenings' and suggestions' programme notes unset; the
    # likes' delete and its own
    with django_assert_num_queries(6):
        review.delete()

    assert not ReviewLike.objects.exists()
