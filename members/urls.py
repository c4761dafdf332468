from django.urls import include, path

from members import account_views, diary, list_views, social, views
from members.letterboxd import views as letterboxd

app_name = "members"

# A member's own pages, below their handle.
member_patterns = [
    path("", views.MemberDetailView.as_view(), name="detail"),
    path("edit/", views.ProfileUpdateView.as_view(), name="edit"),
    path("diary/", diary.DiaryView.as_view(), name="diary"),
    path("diary/<int:pk>/", diary.edit_diary_entry, name="diary-entry"),
    path("lists/", list_views.MemberListsView.as_view(), name="lists"),
    path("lists/<slug:slug>/", list_views.MemberListDetailView.as_view(), name="list-detail"),
    path("lists/<slug:slug>/edit/", list_views.MemberListUpdateView.as_view(), name="list-update"),
    path(
        "lists/<slug:slug>/delete/", list_views.MemberListDeleteView.as_view(), name="list-delete"
    ),
    # Letterboxd import and export, account deletion (letterboxd)
    path("import/", letterboxd.import_start, name="import"),
    path("import/<int:pk>/", letterboxd.job_detail, name="import-job"),
    path("import/<int:pk>/confirm/", letterboxd.job_confirm, name="import-confirm"),
    path("export/", letterboxd.export_page, name="export"),
    path("export/zip/", letterboxd.export_zip, name="export-zip"),
    path("delete/", account_views.delete_account_view, name="delete-account"),
    # Follows and the watchlist (social)
    path("follow/", social.follow, name="follow"),
    path("followers/", social.FollowersView.as_view(), name="followers"),
    path("following/", social.FollowingView.as_view(), name="following"),
    path("watchlist/", social.WatchlistView.as_view(), name="watchlist"),
]

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("watchlist/<slug:slug>/toggle/", diary.toggle_watchlist, name="watchlist-toggle"),
    path("lists/new/", list_views.MemberListCreateView.as_view(), name="list-create"),
    path("lists/add/", list_views.add_film, name="list-add"),
    path("<slug:handle>/", include(member_patterns)),
]
