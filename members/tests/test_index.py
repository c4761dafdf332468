"""/members/: the members who have published something anyone may read, and nobody else.
(What every index page promises alike: filmclub/tests/test_index_pages.py.)"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from members.index import members
from reviews.models import Review

MEMBERS = reverse("members:list")


def handles(response):
    return [member.username for member in response.context["members"]]


def verified(user, verified=True):
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def test_members_with_a_public_review_or_comment_are_listed_with_their_counts(
    client, make_user, make_review, make_comment
):
    odessa = verified(make_user(username="odessa", display_name="Odessa"))
    julie = verified(make_user(username="julie"))
    review = make_review(author=odessa)
    make_review(author=odessa)
    make_comment(review, author=julie)
    make_comment(review, author=odessa)

    response = client.get(MEMBERS)

    assert handles(response) == ["julie", "odessa"]
    text = response.text
    assert "2 members" in text
    assert (
        f'<a href="{odessa.get_absolute_url()}">Odessa</a> <span class="handle">@odessa</span>'
        in text
    )
    assert "2 reviews · 1 comment" in text
    assert "0 reviews · 1 comment" in text


def test_members_without_anything_anyone_may_read_are_not_listed(
    client, make_user, make_review, make_comment
):
    public = make_review(author=verified(make_user(username="writer")))
    make_review(author=verified(make_user(username="drafter")), status=Review.Status.DRAFT)
    make_review(
        author=verified(make_user(username="hidden")), is_hidden=True, hidden_reason="Spam."
    )
    make_review(
        author=verified(make_user(username="scheduled")),
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    draft = make_review(status=Review.Status.DRAFT, author=public.author)
    make_comment(draft, author=verified(make_user(username="on-a-draft")))
    make_comment(
        public,
        author=verified(make_user(username="hidden-comment")),
        is_hidden=True,
        hidden_reason="Rude.",
    )
    make_comment(
        public, author=verified(make_user(username="deleted-comment")), is_deleted=True, body=""
    )
    make_review(author=verified(make_user(username="gone", is_active=False)))
    verified(make_user(username="lurker"))

    response = client.get(MEMBERS)

    assert handles(response) == ["writer"]


def test_both_ways_of_asking_who_is_public_agree(make_user, make_review, make_comment):
    """members().public() for a whole list and public(few=True) for a search's candidates are
    one rule asked two ways: on every kind of member they give the same answer."""
    public = make_review(author=verified(make_user(username="writer")))
    make_comment(public, author=verified(make_user(username="commenter")))
    make_review(author=verified(make_user(username="drafter")), status=Review.Status.DRAFT)
    make_review(author=verified(make_user(username="hidden")), is_hidden=True, hidden_reason="x")
    make_comment(
        public, author=verified(make_user(username="rude")), is_hidden=True, hidden_reason="x"
    )
    make_comment(make_review(status=Review.Status.DRAFT), author=make_user(username="on-draft"))
    make_review(author=verified(make_user(username="gone", is_active=False)))
    make_review(author=verified(make_user(username="unconfirmed"), verified=False))
    make_review(author=make_user(username="opened-by-staff"))
    verified(make_user(username="lurker"))

    whole = set(members().public().values_list("username", flat=True))
    few = set(members().public(few=True).values_list("username", flat=True))

    assert whole == few == {"writer", "commenter", "opened-by-staff"}


def test_members_who_never_confirmed_their_address_are_not_listed(client, make_user, make_review):
    make_review(author=verified(make_user(username="confirmed")))
    make_review(author=verified(make_user(username="unconfirmed"), verified=False))
    make_review(author=make_user(username="opened-by-staff"))  # no address on record

    response = client.get(MEMBERS)

    assert handles(response) == ["confirmed", "opened-by-staff"]


def test_a_members_first_review_lists_them_at_once(client, make_user, make_review):
    writer = make_user(username="newcomer")
    client.get(MEMBERS)

    make_review(author=writer)
    response = client.get(MEMBERS)

    assert handles(response) == ["newcomer"]


def test_public_members_is_the_one_rule(make_user, make_review):
    listed = make_review(author=make_user()).author
    make_user()

    assert list(members().public()) == [listed]


def test_members_page_before_anyone_has_written(client, make_user):
    make_user()

    response = client.get(MEMBERS)

    assert response.status_code == 200
    assert "Nobody has published a review or a comment yet." in response.text


def test_members_are_listed_by_handle_whatever_its_case(client, make_user, make_review):
    for handle in ["bob", "Alice", "carol"]:
        make_review(author=make_user(username=handle))

    response = client.get(MEMBERS)

    assert handles(response) == ["Alice", "bob", "carol"]


@pytest.mark.parametrize("count", [1, 3])
def test_members_query_count_is_constant(
    client, make_user, make_review, make_comment, count, django_assert_num_queries
):
    for _ in range(count):
        review = make_review(author=verified(make_user()))
        make_comment(review, author=verified(make_user()))

    # the public members' ids (then remembered), the page's members with their counts
    with django_assert_num_queries(2):
        response = client.get(MEMBERS)

    assert len(response.context["members"]) == 2 * count


def test_seed_members_are_listed_for_their_published_work(client, seeded):
    response = client.get(MEMBERS)

    assert handles(response) == ["filmclub", "julie", "odessa", "unnamed-reader"]


def test_a_members_comments_show_on_the_list_at_once(client, make_user, make_review, make_comment):
    review = make_review(author=verified(make_user(username="writer")))
    talker = verified(make_user(username="talker"))
    client.get(MEMBERS)

    first = make_comment(review, author=talker)
    assert handles(client.get(MEMBERS)) == ["talker", "writer"]
    make_comment(review, author=talker)
    assert "0 reviews · 2 comments" in client.get(MEMBERS).text

    first.hide("Rude.")
    assert "0 reviews · 1 comment" in client.get(MEMBERS).text
    talker.comments.exclude(pk=first.pk).get().delete_by_author()
    assert handles(client.get(MEMBERS)) == ["writer"]


def test_a_listed_members_comment_keeps_the_list_of_who_is_listed(
    client, make_user, make_review, make_comment, django_assert_num_queries
):
    """Working out who is listed reads every published review and comment: a comment by a
    member already listed changes their count, not who is listed, so the kept list stays."""
    review = make_review(author=verified(make_user(username="writer")))
    talker = verified(make_user(username="talker"))
    make_comment(review, author=talker)
    client.get(MEMBERS)

    make_comment(review, author=talker)
    # the page's members with their counts; who is listed comes from the cache
    with django_assert_num_queries(1):
        response = client.get(MEMBERS)

    assert "0 reviews · 2 comments" in response.text


def test_the_list_follows_a_review_deleted_with_its_comments(
    client, make_user, make_review, make_comment
):
    """Comments deleted with their review (reviews.apps.cascaded_comment_tags): a commenter
    with nothing else public leaves the list, another's count drops."""
    writer, talker, odessa = (
        verified(make_user(username=name)) for name in ("writer", "talker", "odessa")
    )
    make_review(author=writer)
    make_review(author=odessa)
    review = make_review(author=writer)
    make_comment(review, author=talker)
    make_comment(review, author=odessa)
    response = client.get(MEMBERS)
    assert handles(response) == ["odessa", "talker", "writer"]
    assert "1 review · 1 comment" in response.text

    review.delete()

    response = client.get(MEMBERS)
    assert handles(response) == ["odessa", "writer"]
    assert response.text.count("1 review · 0 comments") == 2


def test_the_list_and_the_authors_pages_follow_replies_deleted_with_their_comment(
    client, make_user, make_review, make_comment
):
    """A reply deleted with the comment it answers: its author, who had written nothing else
    anyone may read, leaves the list, and their page shows no comment. The answered comment's
    author is listed for a review of theirs, so only the reply bumps who is listed."""
    writer, talker, odessa = (
        verified(make_user(username=name)) for name in ("writer", "talker", "odessa")
    )
    make_review(author=odessa)
    opening = make_comment(make_review(author=writer), author=odessa)
    make_comment(opening.review, author=talker, parent=opening, body="I agree.")
    assert handles(client.get(MEMBERS)) == ["odessa", "talker", "writer"]
    assert "I agree." in client.get(talker.get_absolute_url()).text

    opening.delete()

    assert handles(client.get(MEMBERS)) == ["odessa", "writer"]
    page = client.get(talker.get_absolute_url()).text
    assert "I agree." not in page
    assert "No comments yet." in page
