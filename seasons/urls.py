from django.urls import include, path

from seasons import audience_views, views

app_name = "seasons"

# A season's own pages, below its address.
season_patterns = [
    path("", views.season_detail, name="detail"),
    path("suggest/", views.suggest, name="suggest"),
    path("second/<int:pk>/", views.second, name="second"),
    path("second/<int:pk>/take-back/", views.take_back_second, name="take-back-second"),
    path("withdraw/<int:pk>/", views.withdraw, name="withdraw"),
    path("vote/", views.vote, name="vote"),
    path("results/", views.results, name="results"),
]
# The audience's pages of a screening (check-in and verdict), below the screening's address.
screening_patterns = [
    path("check-in/", audience_views.check_in_page, name="check-in"),
    path("check-in/poster/", audience_views.check_in_poster, name="check-in-poster"),
    path("verdict/", audience_views.verdict, name="verdict"),
]

urlpatterns = [
    path("seasons/", views.SeasonListView.as_view(), name="list"),
    path("seasons/<slug:slug>/", include(season_patterns)),
    path("screenings/<slug:slug>/", include(screening_patterns)),
]
