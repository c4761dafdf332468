"""Comments posted by the site's script (X-Requested-With: fetch): the thread as JSON."""

from django.urls import reverse

from reviews.models import Comment

SCRIPT = {"HTTP_X_REQUESTED_WITH": "fetch"}


def test_comment_by_script_answers_with_the_thread_and_the_message(member_client, make_review):
    review = make_review()

    response = member_client.post(
        reverse("reviews:comment", args=[review.slug]), {"body": "Agreed!"}, **SCRIPT
    )
    data = response.json()
    comment = Comment.objects.get()

    assert data["messages"] == [{"level": "success", "text": "Your comment is posted."}]
    assert data["focus"] == f"comment-{comment.pk}"
    assert data["html"].startswith('<section id="comments" class="comments-section"')
    assert '<h2 id="comments-heading">1 comment</h2>' in data["html"]
    assert f'<li id="comment-{comment.pk}" class="comment">' in data["html"]
    assert "<p>Agreed!</p>" in data["html"]
    assert response["Cache-Control"] == "private, no-store"


def test_reply_by_script_nests_under_its_parent(member_client, make_review, make_comment):
    review = make_review()
    parent = make_comment(review)

    data = member_client.post(
        reverse("reviews:comment", args=[review.slug]),
        {"body": "A reply", "parent": parent.pk},
        **SCRIPT,
    ).json()

    nested = data["html"].split(f'<li id="comment-{parent.pk}" class="comment">')[1]
    replies = nested.split('<ol class="comment-replies">')[1]
    assert "<p>A reply</p>" in replies
    assert '<h2 id="comments-heading">2 comments</h2>' in data["html"]


def test_invalid_comment_by_script_gets_the_ordinary_page_to_fall_back_on(
    member_client, make_review
):
    review = make_review()

    response = member_client.post(
        reverse("reviews:comment", args=[review.slug]), {"body": ""}, **SCRIPT
    )

    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Write something before posting." in response.text
    assert Comment.objects.count() == 0


def test_message_shown_by_the_script_is_not_shown_again(member_client, make_review):
    review = make_review()
    member_client.post(
        reverse("reviews:comment", args=[review.slug]), {"body": "Agreed!"}, **SCRIPT
    )

    page = member_client.get(review.get_absolute_url())

    assert "Your comment is posted." not in page.text
    assert "<p>Agreed!</p>" in page.text


def test_comment_by_script_needs_the_csrf_token(member, signed_in, make_review):
    client = signed_in(member, enforce_csrf_checks=True)
    review = make_review()

    response = client.post(
        reverse("reviews:comment", args=[review.slug]), {"body": "Agreed!"}, **SCRIPT
    )

    assert response.status_code == 403
    assert Comment.objects.count() == 0
