"""What makes a visitor's page their own is never put in the page cache, whichever view does it:
a form's CSRF token, a message. Views written for these tests, outside /accounts/ (which is never
cached anyway)."""

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

FORM = Template('<form method="post">{% csrf_token %}<button>Go</button></form>')
NOTICES = Template("<p>Programme</p>{% for message in messages %}<p>{{ message }}</p>{% endfor %}")


def form_page(request):
    return HttpResponse(FORM.render(RequestContext(request)))


def page_with_a_notice_for_one_visitor(request):
    """The same URL for everyone; one visitor's request also carries news for them (a header
    stands in for whatever the view knows about this visitor: the cache key ignores it)."""
    if "X-Just-Saved" in request.headers:
        messages.info(request, "Your seat is saved.")
    return HttpResponse(NOTICES.render(RequestContext(request)))


urlpatterns = [
    path("form/", form_page),
    path("notice/", page_with_a_notice_for_one_visitor),
]

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


def test_a_page_with_a_csrf_token_is_never_cached(client):
    first = client.get("/form/")
    client.cookies.clear()  # the next visitor comes without the first one's cookie
    second = client.get("/form/")

    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert 'name="csrfmiddlewaretoken"' in second.text


def test_a_message_shown_to_one_visitor_is_not_served_to_the_next(client):
    first = client.get("/notice/", headers={"X-Just-Saved": "yes"})
    client.cookies.clear()
    second = client.get("/notice/")

    assert "Your seat is saved." in first.text
    assert "Your seat is saved." not in second.text
    assert "Programme" in second.text
