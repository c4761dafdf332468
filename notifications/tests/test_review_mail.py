"""Mail and inbox entries about members' reviews and comments."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from notifications.tests.comments import post_comment


@pytest.fixture
def review(make_review, author):
    return make_review(author=author, title="A summer in the park")


def test_a_comment_on_my_review_mails_me_and_fills_my_inbox(
    make_member, signed_in, review, author, committed
):
    commenter = make_member(username="ben", display_name="Ben")
    client = signed_in(commenter)

    committed(post_comment, client, review, "The projector scene made me cry.")

    [message] = mail.outbox
    comment = review.comments.get()
    assert message.to == [author.email]
    assert message.subject == "Ben commented on your review “A summer in the park”"
    assert "The projector scene made me cry." in message.body
    assert f"https://films.example.org/comments/{comment.pk}/" in message.body
    assert "Fort Greene Film Club" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "The projector scene made me cry." in html
    assert "Fort Greene Film Club" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://films.example.org/notifications/unsubscribe/"
    )
    [entry] = Notification.objects.for_inbox(author)
    assert (entry.kind, entry.mail_state) == ("comment", "sent")


def test_a_reply_tells_the_parent_author_and_the_review_author_once_each(
    make_member, signed_in, make_comment, review, author, committed
):
    first = make_member(username="ben")
    parent = make_comment(review, author=first)
    replier = make_member(username="cy", display_name="Cy")

    committed(post_comment, signed_in(replier), review, "I disagree, kindly.", parent=parent)

    sent = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert sent == sorted(
        [
            (first.email, "Cy replied to your comment on “A summer in the park”"),
            (author.email, "Cy commented on your review “A summer in the park”"),
        ]
    )


def test_my_own_comment_on_my_review_tells_nobody(signed_in, review, author, committed):
    committed(post_comment, signed_in(author), review, "Thanks for reading!")

    assert mail.outbox == []
    assert Notification.objects.count() == 0


def test_a_reply_to_the_review_author_tells_them_once(
    make_member, signed_in, make_comment, review, author, committed
):
    parent = make_comment(review, author=author)

    committed(post_comment, signed_in(make_member()), review, "Fair point.", parent=parent)

    assert [message.to for message in mail.outbox] == [[author.email]]
    assert "replied to your comment" in mail.outbox[0].subject


def test_staff_hiding_my_review_mails_me_the_reason(
    signed_in, staff_user, review, author, committed
):
    url = reverse("admin:reviews_review_changelist")
    selection = {"action": "hide_with_reason", "_selected_action": [review.pk]}

    committed(signed_in(staff_user).post, url, {**selection, "reason": "Spoils the ending."})

    [message] = mail.outbox
    assert message.to == [author.email]
    assert message.subject == "Staff hid your review “A summer in the park”"
    assert "The reason given: Spoils the ending." in message.body


def test_staff_hiding_my_comment_mails_me_the_reason_once(
    make_member, make_comment, review, staff_user, signed_in, committed
):
    commenter = make_member()
    comment = make_comment(review, author=commenter)
    client = signed_in(staff_user)
    url = reverse("admin:reviews_comment_changelist")
    data = {"action": "hide_with_reason", "_selected_action": [comment.pk], "reason": "Abuse."}

    committed(client.post, url, data)
    committed(client.post, url, data)  # hidden again, same reason

    [message] = mail.outbox
    assert message.to == [commenter.email]
    assert message.subject == "Staff hid your comment on “A summer in the park”"
    assert "The reason given: Abuse." in message.body
