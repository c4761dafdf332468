"""What allauth's account pages read beyond allauth's context."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def club_contact_email():
    """The address members write to about their account (settings.CLUB_CONTACT_EMAIL)."""
    return settings.CLUB_CONTACT_EMAIL
