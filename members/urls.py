from django.urls import path

from members import account_views, diary, list_views, social, views
from members.letterboxd import views as letterboxd

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("watchlist/<slug:slug>/toggle/", diary.toggle_watchlist, name="watchlist-toggle"),
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
from members import account_views, diary, list_views, social, views
from members.letterboxd import views as letterboxd
]
