"""Text without control characters, for every model's text fields and every member form.

A control character cannot be typed, is never shown, and breaks what it reaches: XML 1.0 refuses
most of them, so one in a title, a body or a display name made the Atom feeds answer 500 for
everyone. They are refused where text comes in and stripped where old text goes out (feeds).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates
# (which no UTF-8 text can hold) and the noncharacters U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def refuse_control_characters(value):
    """A validator: refuse text holding a control character, naming the first one."""
    found = CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
    if found:
        raise ValidationError(
            "Remove the invisible control character (U+%(code)04X) from this text.",
            code="control_character",
            params={"code": ord(found.group())},
        )


def strip_control_characters(text):
    return CONTROL_CHARACTERS.sub("", text)


class RefusesControlCharacters:
    """A model mixin (before models.Model in the bases): no text field of the model may hold a
    control character, reported by full_clean() as an error of that field, so the admin and every
    model form show it beside the field."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.name in (exclude or ()) or field.name in errors:
                continue
            try:
                refuse_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
