"""The waitlist: a full screening queues members in order, and a freed place goes to the first
in line, who is told; never a place given twice, never one left free while someone waits."""

import sys
import threading

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from core.tests.concurrency import needs_postgresql
from screenings.attendance import RSVP, WaitlistEntry
from screenings.not_going import not_going_path
from screenings.rsvps import (
    give_free_places,
    join_waitlist,
    leave_waitlist,
    take_rsvp,
    withdraw_rsvp,
)


@pytest.fixture
def full_screening(make_screening, make_user):
    screening = make_screening(capacity=2)
    for _ in range(2):
        take_rsvp(screening=screening, user=make_user())
    return screening


def test_members_join_the_waitlist_of_a_full_screening_in_order(full_screening, make_user):
    first, second, third = make_user(), make_user(), make_user()

    for member in (first, second, third):
        join_waitlist(screening=full_screening, user=member)

    assert [entry.user for entry in full_screening.waitlist.all()] == [first, second, third]
    assert WaitlistEntry.objects.position(full_screening, third) == 3
    assert WaitlistEntry.objects.position(full_screening, make_user()) is None


def test_a_freed_place_goes_to_the_first_in_line_who_is_mailed(
    full_screening, make_member, mailing, django_capture_on_commit_callbacks, monkeypatch
):
    # The link's token is signed with the second it was made: one second for the mail and the
    # expected link alike (a tick between them failed this test once on a busy machine).
    second = signing.TimestampSigner().timestamp()
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda signer: second)
    first, second = make_member(), make_member()
    join_waitlist(screening=full_screening, user=first)
    join_waitlist(screening=full_screening, user=second)
    leaving, staying = (rsvp.user for rsvp in full_screening.rsvps.all())

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_rsvp(screening=full_screening, user=leaving)

    assert set(full_screening.rsvps.values_list("user", flat=True)) == {staying.pk, first.pk}
    assert [entry.user for entry in full_screening.waitlist.all()] == [second]
    assert [message.to for message in mail.outbox] == [[first.email]]
    assert mail.outbox[0].subject == f"A place is yours: {full_screening.title}"
    assert "you were next on the waitlist, so you are now going" in mail.outbox[0].body
    assert (
        "give the place to the next member waiting: "
        f"https://films.example.org{not_going_path(first.pk, full_screening.pk)}"
    ) in mail.outbox[0].body
    assert first.notifications.get().subject == f"A place is yours: {full_screening.title}"


def test_nobody_jumps_the_queue_while_members_wait(full_screening, make_user):
    join_waitlist(screening=full_screening, user=make_user())
    # A place freed outside the rules (an account deleted): still not for a newcomer.
    full_screening.rsvps.first().delete()

    with pytest.raises(ValidationError) as error:
        take_rsvp(screening=full_screening, user=make_user())

    assert error.value.messages == ["Sorry, this screening is full."]


def test_a_capacity_raised_gives_places_to_those_waiting(full_screening, make_user):
    waiting = [make_user() for _ in range(3)]
    for member in waiting:
        join_waitlist(screening=full_screening, user=member)

    full_screening.capacity = 4
    full_screening.save()
    given = give_free_places(full_screening)

    assert [rsvp.user for rsvp in given] == waiting[:2]
    assert [entry.user for entry in full_screening.waitlist.all()] == waiting[2:]


def test_joining_when_a_place_is_free_gives_the_place(make_screening, make_user):
    screening = make_screening(capacity=2)
    member = make_user()

    result = join_waitlist(screening=screening, user=member)

    assert isinstance(result, RSVP)
    assert screening.waitlist.count() == 0


def test_a_member_leaves_the_waitlist(full_screening, make_user):
    member = make_user()
    join_waitlist(screening=full_screening, user=member)

    assert leave_waitlist(screening=full_screening, user=member) is True
    assert leave_waitlist(screening=full_screening, user=member) is False
    assert full_screening.waitlist.count() == 0


def test_the_page_says_full_and_the_members_place_in_line(full_screening, make_user, signed_in):
    members = [make_user() for _ in range(3)]
    client = signed_in(members[2])

    for member in members[:2]:
        join_waitlist(screening=full_screening, user=member)
    before = client.get(full_screening.get_absolute_url()).text
    client.post(reverse("screenings:waitlist", args=[full_screening.slug]))
    after = client.get(full_screening.get_absolute_url()).text

    assert 'This screening is full. <button type="submit">Join the waitlist</button>' in before
    assert "<strong>2</strong> going · full · you are 3rd on the waitlist." in after
    assert "Leave the waitlist" in after


def test_leaving_the_waitlist_from_the_page(full_screening, make_user, signed_in):
    member = make_user()
    join_waitlist(screening=full_screening, user=member)

    response = signed_in(member).post(
        reverse("screenings:leave_waitlist", args=[full_screening.slug]), follow=True
    )

    assert "You have left the waitlist." in response.text
    assert "Join the waitlist" in response.text
    assert full_screening.waitlist.count() == 0


@pytest.mark.parametrize("name", ["screenings:waitlist", "screenings:leave_waitlist"])
def test_the_waitlist_is_rate_limited_and_writes_nothing_over_it(
    full_screening, make_user, signed_in, settings, name
):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "rsvp": "2/m"}
    member = make_user()
    client = signed_in(member)
    client.post(reverse("screenings:waitlist", args=[full_screening.slug]))
    client.post(reverse("screenings:leave_waitlist", args=[full_screening.slug]))

    refused = client.post(reverse(name, args=[full_screening.slug]))

    assert refused.status_code == 429
    assert full_screening.waitlist.count() == 0


def at_once(screening, actions):
    """Run each (function, member) in its own thread, all released together; the codes of the
    ValidationErrors raised."""
    barrier = threading.Barrier(len(actions))
    errors = []

    def act(function, member):
        try:
            connection.ensure_connection()  # connected before the start, so all start at once
            barrier.wait()
            function(screening=screening, user=member)
        except ValidationError as error:
            errors.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=action) for action in actions]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as processes on several cores would
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    holders = list(RSVP.objects.filter(screening=screening).values_list("user", flat=True))
    queue = list(WaitlistEntry.objects.filter(screening=screening).values_list("user", flat=True))
    return holders, queue, errors


def withdraw_queue_and_answer_at_once(screening, *, withdraw, queue, answer):
    """At once: `withdraw` withdraw their RSVPs, `queue` join the waitlist, `answer` RSVP."""
    return at_once(
        screening,
        [(withdraw_rsvp, member) for member in withdraw]
        + [(join_waitlist, member) for member in queue]
        + [(take_rsvp, member) for member in answer],
    )


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_places_freed_while_newcomers_arrive_go_to_those_first_in_line(make_screening, make_user):
    capacity = 5
    screening = make_screening(capacity=capacity)
    going = [make_user() for _ in range(capacity)]
    for member in going:
        take_rsvp(screening=screening, user=member)
    waiting = [make_user() for _ in range(4)]
    for member in waiting:
        join_waitlist(screening=screening, user=member)
    newcomers = [make_user() for _ in range(6)]

    # At once: three members going withdraw, six newcomers join the queue or try to RSVP.
    holders, queue, errors = withdraw_queue_and_answer_at_once(
        screening, withdraw=going[:3], queue=newcomers[:3], answer=newcomers[3:]
    )

    assert len(holders) == len(set(holders)) == capacity  # every place given, none twice
    assert set(holders) == {m.pk for m in going[3:]} | {m.pk for m in waiting[:3]}
    assert queue[0] == waiting[3].pk
    assert set(queue) == {waiting[3].pk} | {m.pk for m in newcomers[:3]}
    assert errors == ["full"] * 3  # a newcomer's RSVP never jumps the queue


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", range(3))
def test_no_place_is_left_free_while_someone_waits(make_screening, make_user, run):
    capacity = 6
    screening = make_screening(capacity=capacity)
    going = [make_user() for _ in range(capacity)]
    for member in going:
        take_rsvp(screening=screening, user=member)
    first = make_user()
    join_waitlist(screening=screening, user=first)
    newcomers = [make_user() for _ in range(8)]

    # Five places free up while eight newcomers queue or answer: more places than were waiting.
    holders, queue, _errors = withdraw_queue_and_answer_at_once(
        screening, withdraw=going[:5], queue=newcomers[:4], answer=newcomers[4:]
    )

    assert len(holders) == len(set(holders)) == capacity
    assert first.pk in holders
    assert set(holders).isdisjoint(queue)
    assert not {m.pk for m in going[:5]} & (set(holders) | set(queue))
