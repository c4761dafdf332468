from django.urls import path

from reviews import views

app_name = "members"

urlpatterns = [
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
]
