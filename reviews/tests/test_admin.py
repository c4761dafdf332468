from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from reviews.models import Comment, Review


def test_review_changelist_filters_and_searches(staff_client, make_review, make_film):
    film = make_film(title="Comrades")
    make_review(title="Almost", film=film)
    make_review(title="Draft one", film=film, status=Review.Status.DRAFT)
    make_review(title="Elsewhere")
    url = reverse("admin:reviews_review_changelist")

    drafts = staff_client.get(url, {"status__exact": "draft"})
    of_film = staff_client.get(url, {"film__id__exact": film.pk})
    found = staff_client.get(url, {"q": "almost"})

    assert [r.title for r in drafts.context["cl"].result_list] == ["Draft one"]
    assert sorted(r.title for r in of_film.context["cl"].result_list) == ["Almost", "Draft one"]
    assert [r.title for r in found.context["cl"].result_list] == ["Almost"]


def test_comment_changelist_filters_hidden(staff_client, make_review, make_comment):
    review = make_review()
    make_comment(review, body="Fine")
    make_comment(review, body="Rude", is_hidden=True, hidden_reason="Rude")

    response = staff_client.get(
        reverse("admin:reviews_comment_changelist"), {"is_hidden__exact": "1"}
    )

    assert [c.body for c in response.context["cl"].result_list] == ["Rude"]


def test_hide_action_asks_for_a_reason_first(staff_client, make_review):
    review = make_review(title="Spammy")

    response = staff_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "hide_with_reason", ACTION_CHECKBOX_NAME: [review.pk]},
    )

    review.refresh_from_db()
    assert response.status_code == 200
    assert "<h1>Hide 1 review</h1>" in response.text
    assert review.is_hidden is False


def test_hide_action_without_reason_is_refused(staff_client, make_review):
    review = make_review()

    response = staff_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "hide_with_reason", ACTION_CHECKBOX_NAME: [review.pk], "reason": ""},
    )

    review.refresh_from_db()
    assert response.context["form"].errors == {
        "reason": ["Give a reason for hiding; the authors will see it."]
    }
    assert review.is_hidden is False


def test_hide_and_unhide_comments_from_the_admin(staff_client, make_review, make_comment):
    review = make_review()
    comments = [make_comment(review), make_comment(review)]
    url = reverse("admin:reviews_comment_changelist")
    selected = [comment.pk for comment in comments]

    staff_client.post(
        url, {"action": "hide_with_reason", ACTION_CHECKBOX_NAME: selected, "reason": "Spam"}
    )
    hidden = list(Comment.objects.values_list("is_hidden", "hidden_reason"))
    response = staff_client.post(
        url, {"action": "unhide", ACTION_CHECKBOX_NAME: selected[:1]}, follow=True
    )

    assert hidden == [(True, "Spam"), (True, "Spam")]
    assert list(Comment.objects.values_list("is_hidden", "hidden_reason")) == [
        (False, ""),
        (True, "Spam"),
    ]
    assert "Unhid 1 comments." in response.text


def change_form(review, fields):
    """The admin's change form for `review`: its film, author and text, and `fields`."""
    return {
        "film": review.film.pk,
        "author": review.author.pk,
        "title": review.title,
        "slug": review.slug,
        "body": review.body,
        **fields,
    }


def test_admin_refuses_hiding_a_review_without_reason(staff_client, make_review):
    review = make_review()
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = change_form(
        review,
        {
            "rating": "",
            "how_i_saw_it": "",
            "status": "published",
            "published_at_0": "2025-06-30",
            "published_at_1": "10:00:00",
            "is_hidden": "on",
            "hidden_reason": "",
        },
    )

    response = staff_client.post(url, data)

    review.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Give a reason to hide a review."
    ]
    assert review.is_hidden is False


def test_admin_refuses_a_published_review_without_date(staff_client, make_review):
    review = make_review()
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = change_form(
        review,
        {"status": "published", "published_at_0": "", "published_at_1": "", "hidden_reason": ""},
    )

    response = staff_client.post(url, data)

    assert response.context["adminform"].form.non_field_errors() == [
        "A published review needs its publication date."
    ]


def test_admin_refuses_a_reply_on_another_review(staff_client, make_review, make_comment):
    elsewhere = make_comment(make_review())
    comment = make_comment(make_review())
    data = {
        "review": comment.review.pk,
        "parent": elsewhere.pk,
        "author": comment.author.pk,
        "body": comment.body,
        "created_at_0": "2025-06-30",
        "created_at_1": "10:00:00",
        "hidden_reason": "",
    }

    response = staff_client.post(reverse("admin:reviews_comment_change", args=[comment.pk]), data)

    assert response.context["adminform"].form.errors == {
        "parent": ["A reply belongs to the same review as its comment."]
    }
