"""Posting a comment as a member does, for the notifications' tests."""

from django.urls import reverse


def post_comment(client, review, body, parent=None):
    data = {"body": body} | ({"parent": parent.pk} if parent else {})
    return client.post(reverse("reviews:comment", kwargs={"slug": review.slug}), data)
