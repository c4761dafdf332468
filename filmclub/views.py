from functools import cached_property

from django.contrib.sitemaps import views as sitemaps_views
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core.links import site_url
from core.pagecache import depends_on
from filmclub.sitemaps import SITEMAP_TAGS, SITEMAPS
from members.activity import feed_page
from members.models import Follow
from screenings.models import Screening

# What crawlers are asked to leave alone: staff's pages, sign-in and account pages, each
# member's own inbox, and searches (`?q=` on any page: an endless number of them).
# Staff's and members' own pages, the mails' links (unsubscribe, can't come) and searches.
ROBOTS_DISALLOW = (
    "/admin/",
    "/accounts/",
    "/notifications/",
    "/screenings/not-going/",
    "/*?q=",
    "/*&q=",
)
SITEMAP_MAX_AGE = 3600
ROBOTS_MAX_AGE = 24 * 3600


class HomeProgramme:
    """What the home page says of the screenings, worked out only when the page shows it (never
    when its cached shared part is served)."""

    @cached_property
    def next_screening(self):
        return Screening.objects.upcoming().going_ahead().for_list().first()

    @cached_property
    def called_off(self):
        """Visitors who planned to come must not miss a cancellation before the next screening."""
        called_off = Screening.objects.upcoming().called_off()
        if self.next_screening:
            called_off = called_off.filter(starts_at__lt=self.next_screening.starts_at)
        return list(called_off.for_list()[:3])

    @cached_property
    def recent_screenings(self):
        """The latest screenings, shown when nothing is scheduled."""
        if self.next_screening:
            return []
        return list(Screening.objects.past().for_list()[:3])


class HomeView(TemplateView):
    """The home page. A signed-in member's leads with their activity feed (members.activity):
    theirs alone, so that page is private (never kept by a cache, the site's or another's);
    the club's part below it is the same for everyone (a shared part)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programme"] = HomeProgramme()
        user = self.request.user
        if user.is_authenticated:
            context["feed"] = feed_page(user, self.request.GET.get("page"))
            context["follows_anyone"] = (
                bool(context["feed"].object_list) or Follow.objects.filter(follower=user).exists()
            )
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        return response


@require_safe
@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def sitemap(request):
    """/sitemap.xml: every public page, kept in the page cache until one of them changes."""
    depends_on(*SITEMAP_TAGS)
    return sitemaps_views.sitemap(request, sitemaps=SITEMAPS)


@require_safe
@cache_control(public=True, max_age=ROBOTS_MAX_AGE)
def robots_txt(request):
    """/robots.txt: all public pages may be crawled but those of ROBOTS_DISALLOW; where the
    sitemap is, on the site's canonical origin (core.links.site_url), as the sitemap's links."""
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "Allow: /",
        "",
        f"Sitemap: {site_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
