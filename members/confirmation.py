"""allauth's page of an email confirmation link, which also knows a link already used: allauth
finds only addresses still to confirm, so reopening the link from the mail once it has done its
work said "expired or not valid". The link's key is signed (allauth's HMAC confirmations): a
genuine key names its address, which is then found confirmed."""

from allauth.account import app_settings
from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView
from django.core import signing


def confirmed_address(key):
    """The confirmed address a genuine confirmation key names, or None. No age limit: an old
    link of a confirmed address is still that address's."""
    try:
        pk = int(signing.loads(key, salt=app_settings.SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return EmailAddress.objects.filter(pk=pk, verified=True).select_related("user").first()


class ConfirmEmail(ConfirmEmailView):
    """allauth's page, with `confirmed_address` when the link is not one to confirm with."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.object and app_settings.EMAIL_CONFIRMATION_HMAC:
            context["confirmed_address"] = confirmed_address(self.kwargs["key"])
        return context
