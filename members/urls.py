from django.urls import path

from members import account_views, views
from members.letterboxd import views as letterboxd

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("<slug:handle>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:handle>/edit/", views.ProfileUpdateView.as_view(), name="edit"),
    # Letterboxd import and export, account deletion (letterboxd)
    path("<slug:handle>/import/", letterboxd.import_start, name="import"),
    path("<slug:handle>/import/<int:pk>/", letterboxd.job_detail, name="import-job"),
    path("<slug:handle>/import/<int:pk>/confirm/", letterboxd.job_confirm, name="import-confirm"),
    path("<slug:handle>/export/", letterboxd.export_page, name="export"),
    path("<slug:handle>/export/zip/", letterboxd.export_zip, name="export-zip"),
    path("<slug:handle>/delete/", account_views.delete_account_view, name="delete-account"),
]
