from django.urls import path

from members import list_views, views

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("lists/new/", list_views.MemberListCreateView.as_view(), name="list-create"),
    path("lists/add/", list_views.add_film, name="list-add"),
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
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
]
