from django import template

register = template.Library()


@register.filter
def autofocused(field):
    """The field's widget with `autofocus`: the page's first field, where typing starts."""
    return field.as_widget(attrs={"autofocus": True})
