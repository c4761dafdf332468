from django.urls import path

from members import account_views, diary, list_views, social, views
from members.letterboxd import views as letterboxd

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("watchlist/<slug:slug>/toggle/", diary.toggle_watchlist, name="watchlist-toggle"),
    path("lists/new/", list_views.MemberListCreateView.as_view(), name="list-create"),
    path("lists/add/", list_views.add_film, name="list-add"),
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
    path("<slug:handle>/diary/", diary.DiaryView.as_view(), name="diary"),
    path("<slug:handle>/diary/<int:pk>/", diary.edit_diary_entry, name="diary-entry"),
    path("<slug:handle>/lists/", list_views.MemberListsView.as_view(), name="lists"),
    path(
        "<slug:handle>/lists/<slug:slug>/",
        list_views.MemberListDetailView.as_view(),
        name="list-detail",
    ),
    path(
        "<slug:handle>/lists/<slug:slug>/edit/",
        list_views.MemberListUpdateView.as_view(),
        name="list-update",
    ),
    path(
        "<slug:handle>/lists/<slug:slug>/delete/",
        list_views.MemberListDeleteView.as_view(),
        name="list-delete",
    ),
    # Letterboxd import and export, account deletion (letterboxd)
    path("<slug:handle>/import/", letterboxd.import_start, name="import"),
    path("<slug:handle>/import/<int:pk>/", letterboxd.job_detail, name="import-job"),
    path("<slug:handle>/import/<int:pk>/confirm/", letterboxd.job_confirm, name="import-confirm"),
    path("<slug:handle>/export/", letterboxd.export_page, name="export"),
    path("<slug:handle>/export/zip/", letterboxd.export_zip, name="export-zip"),
    path("<slug:handle>/delete/", account_views.delete_account_view, name="delete-account"),
    # Follows and the watchlist (social)
    path("<slug:handle>/follow/", social.follow, name="follow"),
    path("<slug:handle>/followers/", social.FollowersView.as_view(), name="followers"),
    path("<slug:handle>/following/", social.FollowingView.as_view(), name="following"),
    path("<slug:handle>/watchlist/", social.WatchlistView.as_view(), name="watchlist"),
]
