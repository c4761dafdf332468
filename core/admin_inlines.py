"""Inlines that stay out of the way: closed to one summary line, one empty row, every control named.

A film's change form carried every credit, accolade and quote open at once (12,941 px, 435
controls), and a tabular inline's controls had no label a screen reader (or axe) could find: the
column heading is not tied to them. An admin whose inlines take SummarisedInline first in their
bases, and that takes InlineSummaries first in its own, shows each inline that has rows closed,
its heading saying how many ("Cast: 10 people"); an inline with errors opens (Django's rule).
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.text import capfirst


class SummarisedInline:
    """One empty row to fill; every visible control labelled "<Row noun> <n>: <field>"."""

    extra = 1
    # How the summary counts the rows, (singular, plural); None for the bare number.
    counted_as = None

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun = capfirst(self.opts.verbose_name)

        class LabelledRows(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                row = f"{noun} {index + 1}" if index is not None else f"New {noun.lower()}"
                for name, field in form.fields.items():
                    if field.widget.is_hidden:
                        continue
                    label = "delete" if name == DELETION_FIELD_NAME else field.label or name
                    # The widget itself, inside the admin's wrapper (whose attrs, once the form
                    # has copied its fields, are still the class's own).
                    widget = getattr(field.widget, "widget", field.widget)
                    widget.attrs["aria-label"] = f"{row}: {label.lower()}"

        return LabelledRows

    def summary(self, count):
        if self.counted_as is None:
            return str(count)
        singular, plural = self.counted_as
        return f"{count} {singular if count == 1 else plural}"


class InlineSummaries:
    """A ModelAdmin whose SummarisedInlines with rows are closed to their summary line."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for admin_formset in admin_formsets:
            inline = admin_formset.opts
            count = admin_formset.formset.initial_form_count()
            if not isinstance(inline, SummarisedInline) or not count:
                continue
            plural = capfirst(inline.model._meta.verbose_name_plural)
            inline.verbose_name_plural = f"{plural}: {inline.summary(count)}"
            admin_formset.classes = f"{admin_formset.classes} collapse".strip()
        return admin_formsets
