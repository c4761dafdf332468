"""The admin's autocomplete drop-downs, safe with any submitted value.

Django's autocomplete widget shows a form again by looking the submitted ids up in the database:
a value that is no id ("abc", or text with a NUL on PostgreSQL) made that lookup fail with a 500
instead of the field error the form had found. Admins with `autocomplete_fields` take
AutocompleteAdmin first in their bases.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class ValidChoicesOnly:
    """Look up only the submitted values the related model's key can hold."""

    def optgroups(self, name, value, attr=None):
        key = self.field.target_field
        return super().optgroups(name, [v for v in value if self.is_key(key, v)], attr)

    @staticmethod
    def is_key(key, value):
        if "\x00" in str(value):
            return False
        try:
            key.to_python(value)
        except ValidationError:
            return False
        return True


class SafeAutocompleteSelect(ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


class AutocompleteAdmin:
    """A ModelAdmin or inline whose autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
