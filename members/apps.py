from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        from core.pagecache import invalidates
        from members.models import Follow, WatchlistEntry

        # A follow shows on both members' followers/following pages (and counts), and in the
        # follower's home feed (never cached: a member's own).
        invalidates(
            Follow,
            lambda follow: [
                f"user:{follow.followed_id}:follows",
                f"user:{follow.follower_id}:follows",
            ],
        )
        # A watchlist entry shows on its member's watchlist and in its film's "want to see".
        invalidates(
            WatchlistEntry,
            lambda entry: [f"user:{entry.member_id}:watchlist", f"film:{entry.film_id}:wanted"],
        )
