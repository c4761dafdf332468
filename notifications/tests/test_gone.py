"""A review or a comment deleted takes its notifications with it: none stays in the inbox or the
bell's count leading to "Page not found"; one left by another way, opened, says what is gone."""

import contextlib
import re

import pytest
from django.db import transaction
from django.urls import reverse

from notifications.models import Notification
from notifications.tests.comments import post_comment
from reviews.models import Comment


@pytest.fixture
def review(make_review, author):
    return make_review(author=author, title="Neon and noodles")


def bell(client):
    found = re.search(r'class="bell-count">(\d+)<', client.get("/").text)
    return int(found[1]) if found else 0


def test_a_deleted_review_takes_the_comment_notifications_with_it(
    make_member, signed_in, review, author, committed
):
    commenter = make_member(username="ben", display_name="Ben")
    committed(post_comment, signed_in(commenter), review, "Those noodles!")
    committed(post_comment, signed_in(make_member()), review, "And the neon.")
    comment = review.comments.get(author=commenter)
    replier = signed_in(make_member(username="cy", display_name="Cy"))
    committed(post_comment, replier, review, "Agreed.", parent=comment)
    reader, ben = signed_in(author), signed_in(commenter)
    before = (bell(reader), bell(ben))

    committed(reader.post, reverse("reviews:delete", args=[review.slug]))

    inbox = reader.get(reverse("notifications:inbox")).text
    assert before == (3, 1)
    assert (bell(reader), bell(ben)) == (0, 0)
    assert "commented on your review" not in inbox
    assert "Nothing yet." in inbox
    assert "replied to your comment" not in ben.get(reverse("notifications:inbox")).text
    assert Notification.objects.count() == 0


def test_a_deleted_comment_takes_its_notification_with_it(
    make_member, signed_in, review, author, committed
):
    commenter = make_member(username="ben", display_name="Ben")
    client = signed_in(commenter)
    committed(post_comment, client, review, "Those noodles!")
    committed(post_comment, client, review, "And the neon.")
    first = review.comments.get(body="Those noodles!")
    reader = signed_in(author)
    before = bell(reader)

    committed(client.post, reverse("reviews:comment-delete", args=[first.pk]))

    assert (before, bell(reader)) == (2, 1)
    [left] = Notification.objects.for_inbox(author)
    assert left.target == review.comments.get()


def test_a_deletion_rolled_back_keeps_its_notifications_and_the_next_one_takes_its_own(
    make_member, signed_in, review, author, committed, django_capture_on_commit_callbacks
):
    client = signed_in(make_member())
    committed(post_comment, client, review, "Those noodles!")
    committed(post_comment, client, review, "And the neon.")
    kept, deleted = review.comments.order_by("pk")
    kept_pk = kept.pk  # delete() unsets it, rolled back or not

    with django_capture_on_commit_callbacks(execute=True):
        with contextlib.suppress(RuntimeError), transaction.atomic():
            kept.delete()
            raise RuntimeError("rolled back")
    committed(deleted.delete)

    [left] = Notification.objects.filter(recipient=author)
    assert left.target_id == kept_pk


@pytest.mark.parametrize("comments", [1, 3])
def test_a_deleted_reviews_notifications_go_in_two_queries_whatever_its_comments(
    make_member, review, committed, django_assert_num_queries, comments
):
    first = None
    for number in range(comments):
        comment = Comment(review=review, author=make_member(), body=f"Comment {number}")
        comment.parent = first
        committed(comment.save)
        first = first or comment
    assert Notification.objects.count() == 2 * comments - 1  # the replies tell the first too

    # the review's deletion (reviews.tests.test_models pins its 7 queries), then its
    # notifications: the unread ones' recipients, and the delete
    with django_assert_num_queries(7 + 2):
        committed(review.delete)

    assert Notification.objects.count() == 0


def test_opening_a_notification_of_a_deleted_comment_says_so_in_the_inbox(
    make_member, signed_in, review, author, committed
):
    committed(post_comment, signed_in(make_member(display_name="Ben")), review, "Noodles!")
    entry = Notification.objects.get()
    review.comments.get().delete()  # not committed: its notification stays, as one left behind

    response = signed_in(author).get(entry.get_absolute_url(), follow=True)

    assert response.redirect_chain == [(reverse("notifications:inbox"), 302)]
    assert "That comment was deleted." in response.text
    assert "Page not found" not in response.text
    entry.refresh_from_db()
    assert entry.read_at is not None


def test_a_comment_kept_as_a_placeholder_for_its_replies_takes_its_notification_with_it(
    make_member, signed_in, review, author, committed
):
    ben = make_member(username="ben", display_name="Ben")
    committed(post_comment, signed_in(ben), review, "Those noodles!")
    comment = review.comments.get()
    committed(post_comment, signed_in(make_member(display_name="Cy")), review, "Agreed.", comment)
    reader, ben_client = signed_in(author), signed_in(ben)
    before = (bell(reader), bell(ben_client))

    committed(ben_client.post, reverse("reviews:comment-delete", args=[comment.pk]))

    thread = reader.get(review.get_absolute_url()).text
    assert "This comment was deleted." in thread  # the placeholder keeps the thread's shape
    assert "Agreed." in thread
    assert before == (2, 1)
    # Ada is told of Cy's reply still, not of Ben's comment; Ben of the reply to it.
    assert (bell(reader), bell(ben_client)) == (1, 1)
    assert "Ben commented on your review" not in reader.get(reverse("notifications:inbox")).text
    assert [entry.target for entry in Notification.objects.filter(recipient=author)] == [
        review.comments.get(body="Agreed.")
    ]
    assert "Cy replied to your comment" in ben_client.get(reverse("notifications:inbox")).text


def test_opening_a_notification_of_a_comment_kept_as_a_placeholder_says_it_was_deleted(
    make_member, signed_in, review, author, committed
):
    committed(post_comment, signed_in(make_member(display_name="Ben")), review, "Noodles!")
    comment = review.comments.get()
    entry = Notification.objects.get()
    Comment.objects.create(review=review, author=author, parent=comment, body="Yes!")
    comment.delete_by_author()  # not committed: its notification stays, as one left behind

    response = signed_in(author).get(entry.get_absolute_url(), follow=True)

    assert response.redirect_chain == [(reverse("notifications:inbox"), 302)]
    assert "That comment was deleted." in response.text
