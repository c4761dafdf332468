"""Follows and the watchlist, as rules and writes: who may be followed, who is shown as a
follower, and the toggles (each one atomic, so a double click never leaves two rows or none
by surprise)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from core.baked import baked
from films.models import Film
from members.models import Follow, WatchlistEntry


def visible_members(user):
    """Members whose pages `user` may open: active ones allowed a public trace (confirmed,
    the user model's `members.public()`), and `user` themself: every member page's rule
    (members.views.MemberMixin, the lists, follows and the watchlist)."""
    members = get_user_model().members.filter(is_active=True)
    if user.is_authenticated:
        return members.public() | members.filter(pk=user.pk)
    return members.public()


def shown_members():
    """Members a followers or following page names: active and allowed a public trace (an
    unconfirmed sign-up following someone leaves no trace until they confirm)."""
    return get_user_model().members.public().filter(is_active=True)


def followers_of(member):
    """The members who follow `member`, latest first, as a list names them."""
    follows = Follow.objects.filter(followed=member).values("follower")
    return member_rows(shown_members().filter(pk__in=follows))


def followed_by(member):
    """The members `member` follows, as a list names them."""
    follows = Follow.objects.filter(follower=member).values("followed")
    return member_rows(shown_members().filter(pk__in=follows))


def member_rows(members):
    return members.only("username", "display_name", "avatar").order_by("username", "pk")


def follow_counts(member):
    """(followers, following) of `member` as their lists show them, in one query."""
    counts = Follow.objects.aggregate(
        followers=Count("pk", filter=Q(followed=member, follower__in=shown_members())),
        following=Count("pk", filter=Q(follower=member, followed__in=shown_members())),
    )
    return counts["followers"], counts["following"]


@transaction.atomic
def toggle_follow(*, follower, followed):
    """Follow `followed`, or stop following them; True when `follower` now follows. The
    database refuses following oneself (Follow's constraint): the caller says so first."""
    deleted, _ = Follow.objects.filter(follower=follower, followed=followed).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(follower=follower, followed=followed)
    except IntegrityError:  # a second click that arrived first
        pass
    return True


def wanted_count(film):
    """How many active members want to see `film` (have it on their watchlist)."""
    return next(iter(wanting(film.pk)), 0)


@baked
def wanting(film_id):
    """[the number of active members with the film on their watchlist], [] for none."""
    entries = WatchlistEntry.objects.filter(film=film_id, member__is_active=True).order_by()
    return entries.values("film").annotate(count=Count("pk")).values_list("count", flat=True)


def most_wanted():
    """Films by how many active members want to see them, most first; each with `wanted`."""
    entries = Q(watchlisted__member__is_active=True)
    return (
        Film.objects.annotate(wanted=Count("watchlisted", filter=entries))
        .filter(wanted__gt=0)
        .order_by("-wanted", "title", "pk")
    )
