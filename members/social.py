"""Members' pages of the club's social side: follow a member (a toggle), whom a member follows
and who follows them, and what a member wants to see (their watchlist)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView

from core.links import back_to
from core.ratelimit import member_post
from films.models import Film
from members.follows import (
    follow_counts,
    followed_by,
    followers_of,
    toggle_follow,
    visible_members,
)
from members.models import Follow


@member_post("follow")
def follow(request, handle):
    """Follow the member, or stop following them (POST toggles)."""
    member = get_object_or_404(visible_members(request.user), username=handle)
    if member == request.user:
        messages.error(request, "You cannot follow yourself.")
        return redirect(back_to(request, member.get_absolute_url()))
    if toggle_follow(follower=request.user, followed=member):
        messages.success(
            request, f"You follow {member.public_name}: their logs lead your home page."
        )
    else:
        messages.success(request, f"You no longer follow {member.public_name}.")
    return redirect(back_to(request, member.get_absolute_url()))


class MemberPageMixin:
    """A page about the member at the handle (visible_members), with their follow counts and
    whether the viewer follows them."""

    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(visible_members(request.user), username=kwargs["handle"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(member=self.member, **kwargs)
        context["follower_count"], context["following_count"] = follow_counts(self.member)
        user = self.request.user
        context["viewer_follows"] = (
            user.is_authenticated
            and user != self.member
            and Follow.objects.filter(follower=user, followed=self.member).exists()
        )
        return context


class FollowersView(MemberPageMixin, ListView):
    template_name = "members/follow_list.html"
    context_object_name = "people"
    heading = "followers"

    def get_queryset(self):
        return followers_of(self.member)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)


class FollowingView(FollowersView):
    heading = "following"

    def get_queryset(self):
        return followed_by(self.member)


class WatchlistView(MemberPageMixin, ListView):
    """The films a member wants to see, latest added first."""

    template_name = "members/watchlist.html"
    context_object_name = "films"

    def get_queryset(self):
        return (
            Film.objects.filter(watchlisted__member=self.member)
            .for_cards()
            .order_by("-watchlisted__added_at", "-pk")
        )
