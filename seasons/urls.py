from django.urls import path

from seasons import audience_views, views

app_name = "seasons"

urlpatterns = [
    path("seasons/", views.SeasonListView.as_view(), name="list"),
    path("seasons/<slug:slug>/", views.season_detail, name="detail"),
    path("seasons/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("seasons/<slug:slug>/second/<int:pk>/", views.second, name="second"),
    path(
        "seasons/<slug:slug>/second/<int:pk>/take-back/",
        views.take_back_second,
        name="take-back-second",
    ),
    path("seasons/<slug:slug>/withdraw/<int:pk>/", views.withdraw, name="withdraw"),
    path("seasons/<slug:slug>/vote/", views.vote, name="vote"),
    path("seasons/<slug:slug>/results/", views.results, name="results"),
    path("screenings/<slug:slug>/check-in/", audience_views.check_in_page, name="check-in"),
    path(
        "screenings/<slug:slug>/check-in/poster/",
        audience_views.check_in_poster,
        name="check-in-poster",
    ),
    path("screenings/<slug:slug>/verdict/", audience_views.verdict, name="verdict"),
]
