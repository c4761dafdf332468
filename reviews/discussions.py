"""A review's discussion: its comments threaded, placed on pages, as each reader may see them."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator

from core.baked import baked
from reviews.models import Comment
from reviews.moderation import can_moderate
from reviews.querysets import OUTLINE_FIELDS

# A long discussion is read a page at a time: this many top-level comments, each with its replies.
THREADS_PER_PAGE = 20


class OutlineNode:
    FIELDS = OUTLINE_FIELDS
    __slots__ = (*FIELDS, "children", "depth", "show_body")

    def __init__(self, pk, parent_id, author_id, is_deleted, is_hidden):
        self.pk, self.parent_id, self.author_id = pk, parent_id, author_id
        self.is_deleted, self.is_hidden = is_deleted, is_hidden


def build_thread(comments, *, review, user):
    """Turn a flat, oldest-first list of a review's comments into a tree.

    Each comment gets `children` and `depth`, and `show_body`: whether `user` may read it.
    Deleted comments, and hidden ones the user may not read, stay only as placeholders when
    something below them is shown; otherwise they are left out.
    """
    by_parent = {}
    for comment in comments:
        if review is not None:
            comment.review = review
        by_parent.setdefault(comment.parent_id, []).append(comment)

    can_see_hidden = can_moderate(user, Comment)

    def readable(comment):
        if comment.is_deleted:
            return False
        if comment.is_hidden:
            return can_see_hidden or comment.author_id == user.pk
        return True

    def grow(parent_id, depth):
        nodes = []
        for comment in by_parent.get(parent_id, []):
            comment.depth = depth
            comment.children = grow(comment.pk, depth + 1)
            comment.show_body = readable(comment)
            if comment.show_body or comment.children:
                nodes.append(comment)
        return nodes

    return grow(None, 0)


def count_thread(nodes):
    return sum(1 + count_thread(node.children) for node in nodes)


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def thread_shape(rows, user):
    """(how many comments `user` reads or sees a placeholder of, [each top-level thread's comment
    ids, the root first]) from outline rows."""
    threads = build_thread([OutlineNode(*row) for row in rows], review=None, user=user)
    return count_thread(threads), [tuple(node.pk for node in walk(root)) for root in threads]


@dataclass
class DiscussionShape:
    """A review's discussion without its text: what places every comment on its page, for every
    kind of reader at once. Remembered in the shared cache until the next write (a new, edited,
    deleted or hidden comment makes it stale, as it does cached pages)."""

    rows: list  # outline rows (OutlineNode.FIELDS), oldest first
    hidden_authors: set  # members who can read a hidden comment of their own here
    for_everyone: tuple  # thread_shape for anyone who reads no hidden comment
    for_staff: tuple  # and for staff, who read them all

    @classmethod
    def of(cls, review):
        """The shape of `review`'s discussion: one light query, worth keeping in a cache until
        a comment on the review changes (its tag, `review:7`)."""
        rows = Comment.objects.outline(review)
        staff = SimpleNamespace(
            is_authenticated=True, is_staff=True, pk=None, has_perm=lambda permission: True
        )
        for_everyone = thread_shape(rows, AnonymousUser())
        hidden_authors = {author for _, _, author, _, hidden in rows if hidden}
        return cls(
            rows=rows,
            hidden_authors=hidden_authors,
            for_everyone=for_everyone,
            # Staff read the hidden comments too: with none hidden, what everyone reads.
            for_staff=thread_shape(rows, staff) if hidden_authors else for_everyone,
        )


@baked
def comments_among(review_id, comment_ids):
    """These comments of the review, as a thread shows them (for_thread): SQL compiled once for
    each number of comments a page shows (up to core.baked.MANY_AT_MOST)."""
    return Comment.objects.for_thread(review_id).filter(pk__in=comment_ids)


class Discussion:
    """A review's comments as `user` may see them, THREADS_PER_PAGE top-level comments (each
    with all its replies) to a page: placing every comment costs one light query (its
    DiscussionShape, which the view keeps), a page's comments with their text and authors one
    more, however long the discussion.

    `viewer` says who the discussion is shown to, as far as what it shows differs: staff read
    every hidden comment; a member reads their own hidden ones (their view is theirs alone);
    everyone else reads the same. `shape` is the discussion's DiscussionShape, when the caller
    kept it.
    """

    def __init__(self, review, user, shape=None):
        self.review, self.user = review, user
        shape = shape or DiscussionShape.of(review)
        if can_moderate(user, Comment):
            self.viewer, (self.total, self.threads) = "staff", shape.for_staff
        elif user.is_authenticated and user.pk in shape.hidden_authors:
            self.viewer = f"member:{user.pk}"
            self.total, self.threads = thread_shape(shape.rows, user)
        else:
            self.viewer, (self.total, self.threads) = "everyone", shape.for_everyone
        self.paginator = Paginator(self.threads, THREADS_PER_PAGE)

    def page(self, number):
        """The page of threads numbered `number`, as comment ids (InvalidPage if none)."""
        return self.paginator.page(number)

    def comments_on(self, page):
        """The page's threads as full comments (text, author), as trees."""
        ids = [pk for thread in page.object_list for pk in thread]
        comments = comments_among(self.review.pk, ids)
        return build_thread(list(comments), review=self.review, user=self.user)

    def page_number_of(self, comment):
        for index, thread in enumerate(self.threads):
            if comment.pk in thread:
                return index // THREADS_PER_PAGE + 1
        return 1

    def url_of(self, comment):
        number = self.page_number_of(comment)
        query = f"?page={number}" if number > 1 else ""
        return f"{self.review.get_absolute_url()}{query}#comment-{comment.pk}"
