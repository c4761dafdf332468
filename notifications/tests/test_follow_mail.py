"""A member is told of a new follower: in the inbox, by mail if they ask for it, once per
follower."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from notifications.about_members import tell_about_follower
from notifications.models import Kind, Notification, set_mailed


@pytest.fixture
def ada(make_member):
    return make_member(username="ada", display_name="Ada")


@pytest.fixture
def ben(make_member):
    return make_member(username="ben", display_name="Ben")


def follow(client, member):
    return client.post(reverse("members:follow", args=[member.username]))


def test_a_new_follower_shows_in_my_inbox_with_a_link_to_their_page(signed_in, ada, ben, committed):
    committed(follow, signed_in(ben), ada)

    inbox = signed_in(ada).get(reverse("notifications:inbox"))
    [entry] = Notification.objects.for_inbox(ada)
    assert (entry.kind, entry.subject, entry.url) == (
        "followed",
        "Ben followed you",
        "/members/ben/",
    )
    assert entry.text == "Ben (@ben) now follows you: what you log leads their home page."
    assert "Ben followed you" in inbox.text
    assert signed_in(ada).get(entry.get_absolute_url()).url == "/members/ben/"


def test_a_new_follower_is_not_mailed_unless_the_member_ticks_it(signed_in, ada, ben, committed):
    settings_page = signed_in(ada).get(reverse("notifications:settings"))

    committed(follow, signed_in(ben), ada)

    assert settings_page.context["form"]["followed"].initial is False
    assert "Not mailed unless you tick it" in settings_page.text
    assert mail.outbox == []
    assert Notification.objects.get().mail_state == "off"


def test_a_member_who_ticks_it_is_mailed_of_a_new_follower(signed_in, ada, ben, committed):
    set_mailed(ada, Kind.FOLLOWED, True)

    committed(follow, signed_in(ben), ada)

    [message] = mail.outbox
    assert message.to == [ada.email]
    assert message.subject == "Ben followed you"
    assert "Ben (@ben) now follows you" in message.body
    assert "https://films.example.org/members/ben/" in message.body


def test_following_again_tells_nobody_twice(signed_in, ada, ben, committed):
    client = signed_in(ben)

    committed(follow, client, ada)
    committed(follow, client, ada)  # unfollows
    committed(follow, client, ada)

    assert Notification.objects.filter(recipient=ada).count() == 1


def test_each_follower_is_told_of_and_the_followed_alone(
    signed_in, make_member, ada, ben, committed
):
    cy = make_member(username="cy")

    committed(follow, signed_in(ben), ada)
    committed(follow, signed_in(cy), ada)

    assert sorted(Notification.objects.values_list("recipient__username", "subject")) == [
        ("ada", "Ben followed you"),
        ("ada", "cy followed you"),
    ]


def test_nobody_is_told_of_a_follow_undone_or_an_unconfirmed_follower(
    signed_in, make_user, ada, ben
):
    follow(signed_in(ben), ada)
    follow(signed_in(ben), ada)  # undone before the worker came to it
    unconfirmed = make_user(username="dee")
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, verified=False)
    follow(signed_in(unconfirmed), ada)

    told = tell_about_follower(ben.pk, ada.pk) + tell_about_follower(unconfirmed.pk, ada.pk)

    assert told == 0
    assert Notification.objects.count() == 0
