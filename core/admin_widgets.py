"""The admin's autocomplete drop-downs, safe with any submitted value.

Django's autocomplete widget shows a form again by looking the submitted ids up in the database:
a value that is no id ("abc", or text with a NUL on PostgreSQL) made that lookup fail with a 500
instead of the field error the form had found. Admins with `autocomplete_fields` take
AutocompleteAdmin first in their bases.
"""

from django.contrib.admin.widgets import (
    AdminSplitDateTime,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import ValidationError
from django.utils.text import capfirst


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


class LabelledDateTimes:
    """A ModelAdmin whose date-and-time fields name their two boxes ("Published at: date"):
    Django's split widget writes "Date:" and "Time:" beside them as text, not as labels."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        widget = getattr(widget, "widget", widget)  # inside the related-widget wrapper, if any
        if isinstance(widget, AdminSplitDateTime):
            label = capfirst(formfield.label or db_field.verbose_name)
            for part, box in zip(("date", "time"), widget.widgets, strict=True):
                box.attrs["aria-label"] = f"{label}: {part}"
        return formfield
