from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from core.ratelimit import allow, limited, member_post, too_many
from notifications.gone import gone_message
from notifications.models import (
    TOLD_IF_CHOSEN,
    Kind,
    Notification,
    mailed_kinds,
    set_mailed,
)
from notifications.sending import forget_unread_counts
from notifications.unsubscribe import read_token


@login_required
def inbox(request):
    """The member's notifications, newest first; unread ones stand out."""
    page = Paginator(Notification.objects.for_inbox(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {"notifications": page.object_list, "page_obj": page, "paginator": page.paginator},
    )


@login_required
def open_notification(request, pk):
    """Mark it read, then go to the thing it is about: to the inbox, saying so, if it is gone
    (deleted in a way that left its notification: gone.target_deleted takes most)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
        forget_unread_counts([request.user.pk])
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:inbox")
    if message := gone_message(notification):
        messages.info(request, message)
        return redirect("notifications:inbox")
    return HttpResponseRedirect(notification.url)


@member_post("notification-settings")
def mark_all_read(request):
    Notification.objects.filter(recipient=request.user).unread().update(read_at=timezone.now())
    forget_unread_counts([request.user.pk])
    messages.success(request, "Everything is marked read.")
    return redirect("notifications:inbox")


# What ticking a kind that is off unless chosen gets the member.
OPT_IN_HELP = {
    Kind.ANNOUNCEMENT: "Off unless you tick it. Ticked, you hear of each new screening once, in "
    "your notifications and by mail: the films, the day and time, the venue and its page.",
    Kind.FOLLOWED: "Not mailed unless you tick it: a new follower shows in your notifications "
    "all the same, once each.",
}


class PreferencesForm(forms.Form):
    """One box per kind: mailed or not (the inbox gets them all, but for the kinds told only if
    chosen, TOLD_IF_CHOSEN, which the member gets only when ticked)."""

    def __init__(self, *args, mailed, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=kind in mailed,
                help_text=OPT_IN_HELP.get(kind, ""),
            )


@login_required
@limited("notification-settings")
def preferences(request):
    mailed = mailed_kinds([request.user.pk])[request.user.pk]
    form = PreferencesForm(request.POST if request.method == "POST" else None, mailed=mailed)
    if request.method == "POST" and form.is_valid():
        for kind in Kind:
            if form.cleaned_data[kind.value] != (kind in mailed):
                set_mailed(request.user, kind, form.cleaned_data[kind.value])
        messages.success(request, "Your mail settings are saved.")
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie or token
def unsubscribe(request, token):
    """GET asks (link checkers open links); POST turns the kind's mail off. No sign-in: the
    signed token names the member and the kind."""
    found = read_token(token)
    member = None
    if found:
        member = get_user_model().objects.filter(pk=found[0]).first()
    if member is None or found[1] not in Kind.values:
        response = render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
        patch_cache_control(response, private=True, no_store=True)
        return response
    kind = Kind(found[1])
    done = False
    if request.method == "POST":
        if not (hit := allow(request, "unsubscribe")):
            return too_many(request, hit)
        set_mailed(member, kind, False)
        done = True
    context = {"kind": kind, "done": done, "token": token, "opt_in": kind in TOLD_IF_CHOSEN}
    response = render(request, "notifications/unsubscribe.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response
