"""Check-in (by the QR code at the entrance) and the audience's A–E grade."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.ratelimit import limited, member_post
from screenings.models import Screening
from seasons.audience import CheckIn, check_in, check_in_window, give_verdict


def screening_for(slug):
    return get_object_or_404(Screening.objects.for_list(), slug=slug)


@login_required
@limited("check-in")
def check_in_page(request, slug):
    """The page the QR code opens: one button. Signing in first comes back here."""
    screening = screening_for(slug)
    if request.method == "POST":
        try:
            created = check_in(screening=screening, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "You are checked in. Enjoy the film!"
                if created
                else "You were already checked in.",
            )
            return redirect(screening)
    opens, closes = check_in_window(screening)
    return render(
        request,
        "seasons/check_in.html",
        {
            "screening": screening,
            "opens": opens,
            "closes": closes,
            "checked_in": CheckIn.objects.filter(screening=screening, user=request.user).exists(),
        },
    )


@permission_required("seasons.add_checkin", raise_exception=True)
def check_in_poster(request, slug):
    """A printable page for the screen or the entrance: the QR code of the check-in page."""
    screening = screening_for(slug)
    url = request.build_absolute_uri(reverse("seasons:check-in", args=[screening.slug]))
    svg = segno.make(url, error="m").svg_inline(scale=10, omitsize=False)
    return render(
        request,
        "seasons/check_in_poster.html",
        {"screening": screening, "url": url, "qr": mark_safe(svg)},  # segno's own SVG markup
    )


@member_post("verdict")
def verdict(request, slug):
    screening = screening_for(slug)
    try:
        give_verdict(screening=screening, user=request.user, grade=request.POST.get("grade", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you: your grade is counted. You may change it all week.")
    return redirect(screening)
