"""Staff's list of the films members want added (rows of their Letterboxd imports that matched
no film): read-only, by title with how many members asked. Seen with members.view_wantedfilm."""

from django.contrib import admin

from members.letterboxd.models import WantedFilm


@admin.register(WantedFilm)
class WantedFilmAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "letterboxd_uri", "member", "created_at"]
    list_filter = ["year"]
    search_fields = ["name"]
    ordering = ["name", "year", "pk"]
    list_select_related = ["member"]
    readonly_fields = ["member", "name", "year", "letterboxd_uri", "created_at"]
    change_list_template = "admin/members/wantedfilm/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        most_wanted = WantedFilm.objects.most_wanted()[:20]
        return super().changelist_view(
            request, {**(extra_context or {}), "most_wanted": most_wanted}
        )
