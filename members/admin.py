"""Staff's view of the members' watchlists: every entry, and the films most wanted (the next
season's suggestions start from it)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import path

from members.follows import most_wanted
from members.models import WatchlistEntry

MOST_WANTED_PAGE = 50


@admin.register(WatchlistEntry)
class WatchlistEntryAdmin(admin.ModelAdmin):
    """Members keep their watchlists themselves: staff read them, and change nothing."""

    list_display = ["film", "member", "added_at"]
    list_select_related = ["film", "member"]
    search_fields = ["film__title", "member__username"]
    date_hierarchy = "added_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        most_wanted_view = self.admin_site.admin_view(self.most_wanted_view)
        return [
            path("most-wanted/", most_wanted_view, name="members_watchlistentry_most_wanted"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"may_see_most_wanted": request.user.has_perm("films.view_film")}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def most_wanted_view(self, request):
        """The films on most watchlists, for staff who may see the catalogue (films.view_film)."""
        if not request.user.has_perm("films.view_film"):
            raise PermissionDenied
        page = Paginator(most_wanted(), MOST_WANTED_PAGE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Most wanted films",
            "opts": self.model._meta,
            "page_obj": page,
            "films": page.object_list,
        }
        return TemplateResponse(request, "admin/members/most_wanted.html", context)
