"""allauth's sign-in and password forms with their labels in the site's sentence case ("Remember
me", "New password"), where allauth writes "Remember Me", "New Password"."""

from allauth.account.forms import ChangePasswordForm, LoginForm, ResetPasswordKeyForm

LABELS = {
    "remember": "Remember me",
    "oldpassword": "Current password",
    "password1": "New password",
    "password2": "New password (again)",
}


class SiteLabels:
    """Relabels the form's fields by LABELS once allauth has made them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = LABELS.get(name, field.label)


class SignInForm(SiteLabels, LoginForm):
    """ACCOUNT_FORMS["login"]."""


class NewPasswordForm(SiteLabels, ResetPasswordKeyForm):
    """ACCOUNT_FORMS["reset_password_from_key"]: the password chosen from a reset mail's link."""


class PasswordChangeForm(SiteLabels, ChangePasswordForm):
    """ACCOUNT_FORMS["change_password"]."""
