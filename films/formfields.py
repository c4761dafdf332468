"""Form fields for what people type, under the catalogue's rule for text (films.validators)."""

from django import forms

from films.validators import refuse_control_characters


class PrintableCharField(forms.CharField):
    """A CharField that refuses control characters, as every member and staff form's text must
    (the way Django's EmailField is a CharField with its validator)."""

    default_validators = [refuse_control_characters]
