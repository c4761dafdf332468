"""allauth's sign-up form as members meet it: the username is their public handle."""

from allauth.account.forms import SignupForm


class HandleSignupForm(SignupForm):
    """ACCOUNT_FORMS["signup"]: the same form, its username field called what the site calls it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        handle = self.fields["username"]
        handle.label = "Handle"
        handle.help_text = (
            "Your public name on the site, as in /members/your-handle/: letters, digits, "
            "underscores and hyphens."
        )
        handle.widget.attrs["placeholder"] = "e.g. odessa"
