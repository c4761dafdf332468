from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from core.ratelimit import allow, too_many

MEMBER_PAGES_MESSAGE = (
    "You have opened a great many member pages in a short time. Wait {wait}, then try again."
)


def throttle_member_pages(get_response):
    """/members/<handle>/, found or not, counted per client ("member-page" in
    FILMCLUB_RATE_LIMITS) so handles cannot be harvested quickly; staff are not counted. A
    middleware placed before the page cache, so a cached page is counted too."""

    def middleware(request):
        if (
            is_member_page(request.path_info)
            and request.method in ("GET", "HEAD")
            and not request.user.is_staff
            and not (hit := allow(request, "member-page"))
        ):
            return too_many(request, hit, MEMBER_PAGES_MESSAGE)
        return get_response(request)

    return middleware


def is_member_page(path):
    try:
        prefix = reverse("members:detail", args=["x"]).removesuffix("x/")
    except NoReverseMatch:  # a URLconf without member pages (some tests)
        return False
    if not path.startswith(prefix):
        return False
    try:
        return resolve(path).view_name == "members:detail"
    except Resolver404:
        return False
