"""A discussion is one shared fragment for every member, each member's own controls rendered
per request ({% member_part %}, {% csrf_token %}): nobody sees another member's controls, token
or hidden comment."""

import re

from django.urls import reverse


def edit_links(page):
    return sorted(int(pk) for pk in re.findall(r'href="/comments/(\d+)/edit/"', page))


def test_each_member_sees_only_their_own_edit_links(
    signed_in, make_user, make_review, make_comment
):
    alice, bob = make_user(username="alice"), make_user(username="bob")
    review = make_review()
    by_alice = make_comment(review, author=alice)
    by_bob = make_comment(review, author=bob)
    alice_client, bob_client = signed_in(alice), signed_in(bob)

    alice_page = alice_client.get(review.get_absolute_url()).text
    bob_page = bob_client.get(review.get_absolute_url()).text  # the thread from the cache

    assert edit_links(alice_page) == [by_alice.pk]
    assert edit_links(bob_page) == [by_bob.pk]
    assert "Hide</a>" not in bob_page


def test_a_reply_form_from_the_shared_thread_carries_the_members_own_token(
    signed_in, make_user, make_review, make_comment
):
    review = make_review()
    parent = make_comment(review)
    signed_in(make_user()).get(review.get_absolute_url())  # someone else fills the cache
    member = make_user()
    client = signed_in(member, enforce_csrf_checks=True)

    page = client.get(review.get_absolute_url()).text
    (reply_form,) = [form for form in page.split("<form") if f'value="{parent.pk}"' in form]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply_form).group(1)
    response = client.post(
        reverse("reviews:comment", args=[review.slug]),
        {"csrfmiddlewaretoken": token, "parent": parent.pk, "body": "A reply."},
    )

    assert response.status_code == 302
    assert review.comments.filter(author=member, parent=parent).exists()


def test_staff_see_moderation_links_whoever_came_first(
    signed_in, make_user, make_review, make_comment, staff_user
):
    review = make_review()
    comment = make_comment(review)
    member_page = signed_in(make_user()).get(review.get_absolute_url()).text

    staff_page = signed_in(staff_user).get(review.get_absolute_url()).text

    assert f'href="/comments/{comment.pk}/moderate/">Hide</a>' in staff_page
    assert "/moderate/" not in member_page


def test_a_hidden_comment_is_read_only_by_its_author_and_staff(
    signed_in, make_user, make_review, make_comment, staff_user
):
    author, other = make_user(), make_user()
    review = make_review()
    make_comment(review, body="Still on topic.")
    hidden = make_comment(review, author=author, body="Off-topic rant.")
    hidden.hide("Off topic")

    pages = {
        name: signed_in(user).get(review.get_absolute_url()).text
        for name, user in (("other", other), ("author", author), ("staff", staff_user))
    }
    again = signed_in(other).get(review.get_absolute_url()).text

    assert "Off-topic rant." in pages["author"]
    assert "Off-topic rant." in pages["staff"]
    assert "Off-topic rant." not in pages["other"]
    assert "Off-topic rant." not in again
    assert edit_links(pages["author"]) == [hidden.pk]


def test_members_cannot_write_a_control_marker(signed_in, make_user, make_review, make_comment):
    member = make_user()
    review = make_review()
    make_comment(review, body=f"<!--own:1:{member.pk}--> <!--moderate:1:0--> <!--csrf-->")

    page = signed_in(member).get(review.get_absolute_url()).text

    assert edit_links(page) == []
    assert "&lt;!--own:1:" in page


def test_a_cached_thread_costs_no_comment_query(
    signed_in, make_user, make_review, make_comment, django_assert_num_queries
):
    review = make_review()
    for _ in range(3):
        make_comment(review)
    client = signed_in(make_user())
    first = client.get(review.get_absolute_url()).text

    # session, member, its likes and theirs; the review, the discussion's outline and thread
    # come from the cache
    with django_assert_num_queries(3):
        again = client.get(review.get_absolute_url()).text

    assert edit_links(again) == edit_links(first) == []
    assert again.count('class="comment"') == 3


def test_the_shared_thread_follows_new_and_hidden_comments(
    signed_in, make_user, make_review, make_comment
):
    review = make_review()
    make_comment(review, body="First!")
    client = signed_in(make_user())
    client.get(review.get_absolute_url())  # outline and thread now cached

    later = make_comment(review, body="A later thought.")
    with_new = client.get(review.get_absolute_url()).text
    later.hide("Spam")
    after_hiding = client.get(review.get_absolute_url()).text

    assert "2 comments" in with_new
    assert "A later thought." in with_new
    assert "1 comment<" in after_hiding
    assert "A later thought." not in after_hiding
