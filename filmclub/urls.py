from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path

from core import views as core_views
from filmclub import views
from members.account_limits import JoinView
from members.confirmation import ConfirmEmail

# The admin's own login would skip allauth's rate limits: send staff through allauth's.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "filmclub staff"
admin.site.site_title = "filmclub staff"
admin.site.index_title = "Catalogue, reviews and screenings"

# An uncaught database outage answers 503 (core.views), anything else the site's 500 page.
handler500 = "core.views.server_error"
# allauth's rate limits answer with this (its respond_429): the wait of the limit met.
handler429 = "members.account_limits.too_many_attempts"
# The 404 and 403 pages say what the view said, where it said something (core.refusals).
handler404 = "core.views.page_not_found"
handler403 = "core.views.permission_denied"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("share/card.png", core_views.site_card, name="site-card"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", include("films.urls")),
    path("", include("reviews.urls")),
    path("", include("screenings.urls")),
    path("", include("search.urls")),
    path("", include("seasons.urls")),
    path("members/", include("members.urls")),
    path("notifications/", include("notifications.urls")),
    # allauth's confirmation page, which also says when a link's address is already confirmed.
    re_path(
        r"^accounts/confirm-email/(?P<key>[-:\w]+)/$",
        ConfirmEmail.as_view(),
        name="account_confirm_email",
    ),
    path("accounts/signup/", JoinView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
