"""What a member's profile shows beside their reviews: counts, favourite four, recent activity,
their ratings and their lists, each read in one query whatever the member has logged."""

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import FavouriteFilm, Follow, MemberList
from reviews.models import Review
from reviews.querysets import has_text_q

# How many of the member's latest logs the profile shows, and how many of their lists.
RECENT_ACTIVITY = 10
PROFILE_LISTS = 4


def count_rows(rows, field):
    """How many of `rows` (filtered on OuterRef("pk") through `field`) there are, as a
    subquery of the member's own query."""
    counted = rows.order_by().values(field).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_profile_counts(members, viewer):
    """`members` each with `follower_count`, `following_count`, `list_count` (the lists
    `viewer` may see: MemberList.visible_to) and `is_followed` (by `viewer`), in their own query."""
    members = members.annotate(
        follower_count=count_rows(Follow.objects.filter(followed=OuterRef("pk")), "followed"),
        following_count=count_rows(Follow.objects.filter(follower=OuterRef("pk")), "follower"),
        list_count=count_rows(
            MemberList.objects.visible_to(viewer).filter(owner=OuterRef("pk")), "owner"
        ),
    )
    if not viewer.is_authenticated:
        return members.annotate(is_followed=Value(False))
    return members.annotate(
        is_followed=Exists(Follow.objects.filter(follower=viewer, followed=OuterRef("pk")))
    )


def log_counts(member):
    """Films logged this year (watched on a date of this year) and ever (any public log, dated
    or not), and reviews (public logs with text): what anyone may read of theirs."""
    year = timezone.localdate().year
    return (
        Review.objects.published()
        .filter(author=member)
        .aggregate(
            films=Count("film", distinct=True),
            films_this_year=Count("film", distinct=True, filter=Q(watched_on__year=year)),
            reviews=Count("pk", filter=has_text_q()),
        )
    )


def rating_summary(member):
    """The member's current ratings (their latest of each film) as a histogram."""
    return Review.objects.published().filter(author=member).rating_summary()


def recent_activity(member):
    """The member's latest public logs, newest first, with their films."""
    logs = Review.objects.published().filter(author=member).select_related("film")
    return list(logs.order_by("-published_at", "-pk")[:RECENT_ACTIVITY])


def favourites(member):
    return list(FavouriteFilm.objects.filter(member=member).select_related("film"))


def latest_lists(member, viewer):
    """The member's lists `viewer` may see, most recently changed first, with film counts."""
    lists = MemberList.objects.visible_to(viewer).filter(owner=member).with_film_counts()
    return list(lists[:PROFILE_LISTS])


def address_to_confirm(member):
    """The address `member` is to confirm while nobody else may see their pages (not
    MemberQuerySet.public: addresses on record, none confirmed), their primary one first; None
    for a member who may be seen."""
    if member.is_public:
        return None
    return EmailAddress.objects.filter(user=member).order_by("-primary", "pk").first()
