"""Django's createsuperuser, for an account that can sign in at once.

Members sign in with their email (allauth), so the email is required, must be free, and is recorded
as the account's verified primary address: with mandatory verification a staff account that nobody
can confirm by mail would otherwise never get past the sign-in page. The account and its address are
saved together or not at all.
"""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth.management.commands import createsuperuser
from django.core import exceptions
from django.core.management.base import CommandError
from django.db import transaction

EMAIL_NEEDED = "An email is required: it is how staff sign in."
EMAIL_TAKEN = "That email belongs to another account."


class Command(createsuperuser.Command):
    help = (
        "Create a superuser who signs in with their email at once "
        "(the email is recorded as verified)."
    )

    def handle(self, *args, **options):
        self.entered = {}
        self.database = database = options["database"]
        given = options.get("email")
        if not options["interactive"]:
            given = given or os.environ.get("DJANGO_SUPERUSER_EMAIL")
            if not given:
                raise CommandError(f"{EMAIL_NEEDED} Use --email with --noinput.")
        if given is not None:
            options["email"] = self.checked_email(given, database)
        with transaction.atomic(using=database):
            super().handle(*args, **options)
            handle = (
                options[self.UserModel.USERNAME_FIELD]
                or self.entered.get(self.UserModel.USERNAME_FIELD)
                or os.environ.get("DJANGO_SUPERUSER_" + self.UserModel.USERNAME_FIELD.upper())
            )
            user = (
                self.UserModel._default_manager.db_manager(database)
                .filter(**{self.UserModel.USERNAME_FIELD: handle})
                .first()
            )
            if user is None:  # not created (no terminal to ask on)
                return
            EmailAddress.objects.using(database).create(
                user=user, email=user.email, primary=True, verified=True
            )

    def checked_email(self, value, database):
        """The email, cleaned; CommandError when it is blank, malformed or someone else's."""
        try:
            return self.clean_email(value, database)
        except exceptions.ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None

    def clean_email(self, value, database):
        email = self.UserModel._meta.get_field("email").clean(value.strip(), None)
        if not email:
            raise exceptions.ValidationError(EMAIL_NEEDED)
        email = email.lower()  # as allauth keeps addresses, and looks them up at sign-in
        taken = (
            EmailAddress.objects.using(database).filter(email__iexact=email).exists()
            or self.UserModel._default_manager.db_manager(database)
            .filter(email__iexact=email)
            .exists()
        )
        if taken:
            raise exceptions.ValidationError(EMAIL_TAKEN)
        return email

    def get_input_data(self, field, message, default=None):
        """Asks as Django does; an email is asked again until it is given and free."""
        if field.name != "email":
            value = super().get_input_data(field, message, default)
            self.entered[field.name] = value
            return value
        try:
            return self.clean_email(input(message), self.database)
        except exceptions.ValidationError as error:
            self.stderr.write("Error: " + "; ".join(error.messages))
            return None
