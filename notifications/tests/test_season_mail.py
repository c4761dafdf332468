"""A member whose suggestion the season's vote chose is told so: mailed (unless turned off) and
in the inbox, once per suggestion, by the worker once the close commits."""

import datetime

import pytest
from django.core import mail

from notifications.models import Kind, Notification, set_mailed
from seasons.models import Season, Suggestion, cast_ballot
from seasons.news import tell_suggesters_of_winners

Status = Season.Status


@pytest.fixture
def season(db, make_venue):
    season = Season.objects.create(
        name="Summer 2031",
        slug="summer-2031",
        starts_on=datetime.date(2031, 6, 1),
        ends_on=datetime.date(2031, 8, 31),
        slots=1,
        status=Status.VOTING,
        ballot_secret="secret",
    )
    season.venues.set([make_venue()])
    return season


@pytest.fixture
def suggest(season, make_film):
    def make(member, title, **fields):
        return Suggestion.objects.create(
            season=season,
            film=make_film(title=title, year=1927),
            suggested_by=member,
            pitch="Under the stars.",
            is_shortlisted=True,
            **fields,
        )

    return make


def vote(season, make_user, *rankings):
    for ranking in rankings:
        cast_ballot(season=season, user=make_user(), ranking=[s.pk for s in ranking])


def test_the_member_whose_suggestion_won_is_told_with_the_film_and_the_results(
    season, suggest, make_member, make_user, committed
):
    ana, ben = make_member(username="ana"), make_member(username="ben")
    sunrise, stalker = suggest(ana, "Sunrise"), suggest(ben, "Stalker")
    vote(season, make_user, [sunrise], [sunrise], [stalker])

    committed(season.move_to, Status.CLOSED)

    [message] = mail.outbox
    body = " ".join(message.body.split())
    assert message.to == [ana.email]
    assert message.subject == "The members chose your suggestion: Sunrise (1927)"
    assert (
        "The votes for Summer 2031 are counted, and the members chose Sunrise (1927), your "
        "suggestion." in body
    )
    link = "https://films.example.org/seasons/summer-2031/results/"
    assert f"See it on Fort Greene Film Club: {link}" in body
    assert "“The members chose my suggestion for a season”" in body
    [entry] = Notification.objects.for_inbox(ana)
    assert (entry.kind, entry.url, entry.target) == (
        "chosen",
        "/seasons/summer-2031/results/",
        sunrise,
    )
    assert Notification.objects.filter(recipient=ben).count() == 0


def test_each_winner_of_a_season_with_several_slots_is_told_once(
    season, suggest, make_member, make_user, committed
):
    season.slots = 2
    season.save()
    ana, ben, cy = (make_member(username=name) for name in ("ana", "ben", "cy"))
    a, b, c = suggest(ana, "Sunrise"), suggest(ben, "Stalker"), suggest(cy, "Vagabond")
    vote(season, make_user, [a], [a], [b], [b], [c])

    committed(season.move_to, Status.CLOSED)
    # The same news told again (a retry) tells nobody twice.
    committed(tell_suggesters_of_winners, Season.objects.get(pk=season.pk))

    told = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert told == [
        (ana.email, "The members chose your suggestion: Sunrise (1927)"),
        (ben.email, "The members chose your suggestion: Stalker (1927)"),
    ]
    assert "your suggestion, one of the 2 films it chose." in " ".join(mail.outbox[0].body.split())
    assert Notification.objects.filter(kind=Kind.SUGGESTION_CHOSEN).count() == 2


def test_the_news_is_mailed_unless_turned_off_and_always_in_the_inbox(
    season, suggest, make_member, make_user, committed
):
    ana = make_member(username="ana")
    set_mailed(ana, Kind.SUGGESTION_CHOSEN, False)
    sunrise = suggest(ana, "Sunrise")
    vote(season, make_user, [sunrise])

    committed(season.move_to, Status.CLOSED)

    assert mail.outbox == []
    [entry] = Notification.objects.for_inbox(ana)
    assert (entry.subject, entry.mail_state) == (
        "The members chose your suggestion: Sunrise (1927)",
        "off",
    )


def test_a_suggestion_whose_member_has_left_tells_nobody(season, suggest, make_user, committed):
    sunrise = suggest(None, "Sunrise")
    vote(season, make_user, [sunrise])

    committed(season.move_to, Status.CLOSED)

    assert Suggestion.objects.get(pk=sunrise.pk).won_place == 1
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_the_close_queues_the_task_and_the_worker_writes_the_row(
    season, suggest, make_member, make_user, django_capture_on_commit_callbacks
):
    ana = make_member(username="ana")
    sunrise = suggest(ana, "Sunrise")
    vote(season, make_user, [sunrise])

    with django_capture_on_commit_callbacks(execute=False) as waiting:
        season.move_to(Status.CLOSED)
    written_in_the_close = Notification.objects.count()
    for callback in waiting:
        callback()

    assert written_in_the_close == 0
    assert Notification.objects.filter(recipient=ana, kind="chosen").count() == 1


def test_a_winner_deleted_before_the_worker_comes_tells_nobody(
    season, suggest, make_member, make_user, django_capture_on_commit_callbacks
):
    sunrise = suggest(make_member(username="ana"), "Sunrise")
    vote(season, make_user, [sunrise])

    with django_capture_on_commit_callbacks(execute=False) as waiting:
        season.move_to(Status.CLOSED)
    Suggestion.objects.filter(pk=sunrise.pk).delete()
    for callback in waiting:
        callback()

    assert Notification.objects.count() == 0
