"""A member deletes their account: their reviews and comments removed or kept anonymously, as
they choose, and everything else of theirs erased.

- **remove**: their logs and reviews go (with the discussions under them); their comments go,
  except a comment others replied to, which stays as a "deleted" placeholder so the thread keeps
  its shape (as when a member deletes one comment: Comment.delete_by_author).
- **anonymise**: their published reviews, logs and comments stay, under "Former member": the
  account is kept as an empty shell with a handle of the club's (FORMER_MEMBER_HANDLE), so each
  former member's ratings still count once in a film's average.

Either way the account can no more sign in (no email, no usable password, inactive: every
session of it ends), and its email addresses, follows, watchlist, favourites, lists, likes,
imports and drafts are deleted. A removed account with no placeholder left is deleted outright.
"""

from allauth.account.models import EmailAddress
from django.db import transaction

from reviews.models import Comment, Review

FORMER_MEMBER_HANDLE = "former-member"
FORMER_MEMBER_NAME = "Former member"
REMOVE, ANONYMISE = "remove", "anonymise"


def is_former_member_handle(handle):
    """Handles of this form are the club's, for deleted accounts: nobody may choose one."""
    return handle.lower().startswith(FORMER_MEMBER_HANDLE)


@transaction.atomic
def delete_account(member, *, keep_texts):
    """Delete `member`'s account (see the module's doc); `keep_texts` anonymises instead of
    removing their reviews and comments."""
    if keep_texts:
        Review.objects.filter(author=member, status=Review.Status.DRAFT).delete()
    else:
        remove_comments(member)
        Review.objects.filter(author=member).delete()
    erase_personal_data(member)
    if not keep_texts and not Comment.objects.filter(author=member).exists():
        member.delete()
        return
    scrub(member)


def remove_comments(member):
    """Newest first, so that a member's reply is gone before its parent is looked at."""
    for comment in Comment.objects.filter(author=member).order_by("-created_at", "-pk"):
        comment.delete_by_author()


def erase_personal_data(member):
    EmailAddress.objects.filter(user=member).delete()
    for related in (
        member.following_set,
        member.follower_set,
        member.watchlist,
        member.favourites,
        member.film_lists,
        member.review_likes,
        member.import_jobs,
    ):
        related.all().delete()
    member.groups.clear()
    member.user_permissions.clear()


def scrub(member):
    """The account as an anonymous shell: nothing of the person left, no way to sign in."""
    if member.avatar:
        member.avatar.delete(save=False)
    member.username = f"{FORMER_MEMBER_HANDLE}-{member.pk}"
    member.display_name = FORMER_MEMBER_NAME
    member.email = member.first_name = member.last_name = member.bio = ""
    member.avatar = ""
    member.is_active = member.is_staff = member.is_superuser = False
    member.set_unusable_password()  # changes the session hash: every session of it ends
    member.save()
