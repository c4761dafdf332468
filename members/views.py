"""Members' pages: the members' list, a member's profile, and their profile form."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import DetailView, ListView, UpdateView

from core.pagecache import depends_on
from core.ratelimit import RateLimitMixin
from members import profile
from members.follows import visible_members
from members.forms import ProfileForm
from members.index import members, public_member_ids
from reviews.models import Comment, Review


class MemberListView(ListView):
    """The members who have published something anyone may read (MemberQuerySet.public)."""

    template_name = "members/member_list.html"
    context_object_name = "members"
    paginate_by = 50
    extra_context = {
        "share_description": "The club's members who have written reviews and joined the "
        "discussions."
    }

    def get_queryset(self):
        return public_member_ids()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        shown = members().filter(pk__in=page.object_list).for_index().with_counts()
        page.object_list = context["members"] = list(shown)
        # Their counts: a review anywhere (`reviews`), a comment of theirs (reviews.apps).
        depends_on("reviews", *(f"user:{member.pk}:comments" for member in shown))
        return context


class MemberMixin:
    """An active member, found by the handle in the URL: one who may be seen (public), or the
    member themself."""

    context_object_name = "member"
    slug_field = "username"
    slug_url_kwarg = "handle"

    def get_queryset(self):
        return visible_members(self.request.user)


class MemberDetailView(MemberMixin, DetailView):
    """A member's profile: who they are, their favourite four, counts, ratings, recent activity,
    lists and reviews (throttled per client: members.middleware.throttle_member_pages)."""

    template_name = "members/member_detail.html"

    def get_queryset(self):
        return profile.with_profile_counts(super().get_queryset(), self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, viewer = self.object, self.request.user
        context["share_description"] = member.bio or (
            f"Reviews and comments by {member.public_name}, a member of {settings.SITE_NAME}."
        )
        context["reviews"] = Review.objects.published().with_text().filter(author=member).for_list()
        context["recent_comments"] = (
            Comment.objects.public()
            .filter(author=member)
            .select_related("review")
            .order_by("-created_at", "-pk")[:10]
        )
        context.update(
            favourites=profile.favourites(member),
            counts=profile.log_counts(member),
            rating_summary=profile.rating_summary(member),
            activity=profile.recent_activity(member),
            lists=profile.latest_lists(member, viewer),
        )
        if member == viewer:
            context["address_to_confirm"] = profile.address_to_confirm(member)
            context["drafts"] = Review.objects.filter(
                author=member, status=Review.Status.DRAFT
            ).order_by("-updated_at")
        return context


class ProfileUpdateView(LoginRequiredMixin, RateLimitMixin, MemberMixin, UpdateView):
    form_class = ProfileForm
    rate_limit = "profile"
    template_name = "members/profile_form.html"

    def get_object(self, queryset=None):
        member = super().get_object(queryset)
        if member != self.request.user:
            raise PermissionDenied
        return member

    def form_valid(self, form):
        messages.success(self.request, "Your profile is updated.")
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("members:detail", kwargs={"handle": self.object.username})
