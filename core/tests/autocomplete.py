"""The admin's autocomplete search (admin:autocomplete, what a select2 field asks as one types),
spelled once for the tests that ask it."""


def autocomplete_query(model, field_name, term):
    """The query that searches `model`'s autocomplete field `field_name` for `term`."""
    return {
        "app_label": model._meta.app_label,
        "model_name": model._meta.model_name,
        "field_name": field_name,
        "term": term,
    }
