from django.urls import path

from members import social, views

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
    path("<slug:handle>/follow/", social.follow, name="follow"),
    path("<slug:handle>/followers/", social.FollowersView.as_view(), name="followers"),
    path("<slug:handle>/following/", social.FollowingView.as_view(), name="following"),
    path("<slug:handle>/watchlist/", social.WatchlistView.as_view(), name="watchlist"),
]
