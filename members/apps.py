from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        from core.pagecache import invalidates
        from members import signals  # noqa: F401 (connects the receivers)
        from members.models import FavouriteFilm, Follow, ListEntry, MemberList, WatchlistEntry

        # A list shows on its page (`memberlist:3`), its owner's lists and profile
        # (`user:5:lists`), and by its title on the film pages of its films (`member-lists`:
        # the rare edit of a list's title or privacy, not each film added, see touch()).
        invalidates(MemberList, lambda row: [f"user:{row.owner_id}:lists", "member-lists"])
        # A film on a list: the list's page and counts, and the film's page ("on members' lists").
        invalidates(
            ListEntry, lambda row: [f"memberlist:{row.member_list_id}", f"film:{row.film_id}"]
        )
        invalidates(FavouriteFilm, lambda row: [f"user:{row.member_id}:favourites"])
        # A follow shows on both members' profiles (counts) and followers/following pages, and in
        # the follower's home feed (never cached: a member's own).
        invalidates(Follow, follow_tags)
        # A watchlist entry shows on its member's watchlist and in its film's "want to see".
        invalidates(
            WatchlistEntry,
            lambda entry: [f"user:{entry.member_id}:watchlist", f"film:{entry.film_id}:wanted"],
        )
        # The Letterboxd import's admin lives beside its code (members/letterboxd/).
        from members.letterboxd import admin  # noqa: F401


def follow_tags(follow):
    return [f"user:{follow.follower_id}:follows", f"user:{follow.followed_id}:follows"]
