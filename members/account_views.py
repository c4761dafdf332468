"""The page where a member deletes their account (members.account does it)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from core.ratelimit import limited
from members.account import ANONYMISE, REMOVE, delete_account


class DeleteAccountForm(forms.Form):
    texts = forms.ChoiceField(
        label="Your reviews and comments",
        choices=[
            (REMOVE, "Remove them (a comment others replied to stays as “deleted”)"),
            (ANONYMISE, "Keep them, under “Former member”"),
        ],
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand: my account, my watchlist, lists, likes and follows are deleted "
        "for good."
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


@login_required
@limited("account-delete")
def delete_account_view(request, handle):
    if handle != request.user.username:
        raise Http404("Only the member themself deletes their account.")
    form = DeleteAccountForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        member = request.user
        delete_account(member, keep_texts=form.cleaned_data["texts"] == ANONYMISE)
        logout(request)
        messages.success(request, "Your account is deleted. Thank you for your time at the club.")
        return redirect("home")
    return render(request, "members/account_delete.html", {"form": form})
