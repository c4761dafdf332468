"""Issue 16's journey, in a real browser: a member says they are going, staff make the rain call
“move to the rain date” in the admin, the member's inbox shows it, and the mail, read from a
real SMTP server, carries the updated calendar event."""

import datetime

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from filmclub.tests.conftest import DESKTOP, STAFF_EMAIL, STAFF_PASSWORD, sign_in
from films.models import Film
from screenings.models import ProgrammeItem, Screening, Venue

pytestmark = pytest.mark.browser


@pytest.fixture
def mailbox(settings, smtp_server):
    # The worker's tasks run as they are queued: the mail leaves when the call is committed.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return smtp_server()


def test_member_going_hears_of_the_move_to_the_rain_date_in_the_inbox_and_by_mail(
    before_tonight, live_seeded, watched_page, browser, make_user, staff_superuser, mailbox
):
    base = live_seeded.url
    venue = Venue.objects.get(slug="fort-greene-park")
    # The rain call is made on the screening's day, before it starts (raincall.make_call):
    # tonight, late, the clock at noon (before_tonight).
    day = timezone.now().astimezone(venue.tz).date()
    screening = Screening.objects.create(
        venue=venue,
        date=day,
        start_time=datetime.time(23, 30),
        rain_date=day + datetime.timedelta(days=1),
    )
    ProgrammeItem.objects.create(
        screening=screening, film=Film.objects.get(slug="comrades-almost-a-love-story")
    )
    member = make_user(username="ben", email="ben@example.com", password="reel-to-reel-35mm")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    page = watched_page
    page.set_viewport_size(DESKTOP)

    sign_in(page, base, email="ben@example.com", password="reel-to-reel-35mm")
    page.goto(f"{base}{screening.get_absolute_url()}")
    expect(page.locator(".visit, #going").first).to_be_visible()
    expect(page.get_by_text("Decision at 1 pm on the day.")).to_be_visible()
    page.get_by_role("button", name="I’m going").click()
    expect(page.locator(".message")).to_have_text("You are going. See you there!")

    staff = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(staff, base, email=STAFF_EMAIL, password=STAFF_PASSWORD)
    staff.goto(f"{base}/admin/screenings/screening/")
    staff.get_by_role("checkbox", name=f"Select this object for an action - {screening}").check()
    staff.locator("select[name=action]").select_option(
        label="Make the rain call (go ahead, rain date, cancel)"
    )
    staff.get_by_role("button", name="Go").click()
    staff.get_by_label("Move to the rain date").check()
    staff.get_by_role("button", name="Make the call").click()
    expect(staff.locator(".messagelist .success")).to_contain_text("Move to the rain date:")
    staff.context.close()

    page.goto(f"{base}{screening.get_absolute_url()}")
    expect(page.get_by_role("status").filter(has_text="Rescheduled")).to_contain_text(
        "Moved to the rain date because of the weather"
    )
    page.goto(f"{base}/notifications/")
    expect(page.locator("main")).to_contain_text(f"Rescheduled: {screening.title}")

    [(recipients, message)] = mailbox.received
    assert recipients == ["ben@example.com"]
    assert message["Subject"].startswith(f"Rescheduled: {screening.title} at Fort Greene Park")
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    calendar = icalendar.Calendar.from_ical(part.get_content())
    [event] = calendar.walk("VEVENT")
    screening.refresh_from_db()
    assert str(calendar["METHOD"]) == "REQUEST"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == screening.starts_at
    assert screening.date == day + datetime.timedelta(days=1)
