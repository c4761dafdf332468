"""Real mail through a real SMTP server (aiosmtpd on 127.0.0.1), read back."""

import datetime

import icalendar
from django.utils import timezone

from films.models import Film
from notifications.models import Notification
from notifications.sending import send_due
from screenings.attendance import RSVP
from screenings.models import Screening


def test_the_server_down_then_up_gets_one_mail_with_the_calendar_update(
    smtp_server, make_screening, fort_greene, make_film, make_member, committed
):
    screening = make_screening(
        venue=fort_greene,
        date=datetime.date(2030, 6, 28),
        films=[make_film(title="Do the Right Thing", kind=Film.Kind.FEATURE)],
    )
    reader = make_member(email="reader@example.com")
    RSVP.objects.create(screening=screening, user=reader)

    def postpone():
        changed = Screening.objects.get(pk=screening.pk)
        changed.status = Screening.Status.POSTPONED
        changed.status_reason = "Heat warning."
        changed.save()

    committed(postpone)  # nothing listens yet: the first attempt fails
    row = Notification.objects.get()
    assert (row.mail_state, row.mail_attempts) == ("pending", 1)

    mailbox = smtp_server()
    later = timezone.now() + datetime.timedelta(minutes=2)
    sent = send_due(now=later)
    sent_again = send_due(now=later + datetime.timedelta(hours=3))

    assert (sent, sent_again) == (1, 0)
    [(recipients, message)] = mailbox.received
    assert recipients == ["reader@example.com"]
    assert message["Subject"] == (
        "Postponed: Do the Right Thing at Fort Greene Park, Friday 28 June"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "This screening is postponed: Heat warning." in text
    assert "Heat warning." in html
    [attachment] = [
        part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"
    ]
    assert attachment.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [event] = calendar.walk("VEVENT")
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (
        f"screening-{screening.pk}@filmclub",
        1,
        "TENTATIVE",
    )
    assert Notification.objects.get().mail_state == "sent"
