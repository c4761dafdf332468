from django.urls import path

from members import diary, views

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("watchlist/<slug:slug>/toggle/", diary.toggle_watchlist, name="watchlist-toggle"),
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
    path("<slug:handle>/diary/", diary.DiaryView.as_view(), name="diary"),
    path("<slug:handle>/diary/<int:pk>/", diary.edit_diary_entry, name="diary-entry"),
]
