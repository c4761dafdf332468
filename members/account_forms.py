"""allauth's sign-in and password forms with their labels in the site's sentence case ("Remember
me", "New password"), where allauth writes "Remember Me", "New Password"."""

from allauth.account.forms import ChangePasswordForm, LoginForm, ResetPasswordKeyForm

LABELS = {
    "remember": "Remember me",
    "oldpassword": "Current password",
    "password1": "New password",
    "password2": "New password (again)",
}


def relabel(form):
    for name, field in form.fields.items():
        field.label = LABELS.get(name, field.label)


class SignInForm(LoginForm):
    """ACCOUNT_FORMS["login"]."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class NewPasswordForm(ResetPasswordKeyForm):
    """ACCOUNT_FORMS["reset_password_from_key"]: the password chosen from a reset mail's link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class PasswordChangeForm(ChangePasswordForm):
    """ACCOUNT_FORMS["change_password"]."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)
