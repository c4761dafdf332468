"""The half-star rating control: ten radio buttons drawn as stars (static/js/stars.js and the
"Half-star rating" section of site.css), with a "No rating" radio first, so it works by keyboard
(arrow keys move between the radios), by screen reader (a fieldset of labelled radios) and
without the script. With it, clicking the chosen star again clears the rating."""

from django import forms
from django.template.loader import render_to_string

from reviews.ratings import RATING_CHOICES


def star_options(value, prefix):
    """The control's radios: "" (no rating), then 1 to 10 half stars, each with its id and
    whether it is chosen. A value that is not a rating chooses "No rating"."""
    try:
        chosen = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        chosen = None
    options = [{"value": "", "label": "No rating", "id": f"{prefix}_0", "checked": chosen is None}]
    for rating, label in RATING_CHOICES:
        options.append(
            {
                "value": rating,
                "label": label,
                "id": f"{prefix}_{rating}",
                "checked": chosen == rating,
                "half": "left" if rating % 2 else "right",
            }
        )
    return options


def star_rating_context(*, name, value, prefix, legend, legend_hidden=False):
    """What includes/star_rating.html needs (the widget, and forms written by hand)."""
    return {
        "rating_name": name,
        "rating_options": star_options(value, prefix),
        "rating_legend": legend,
        "rating_legend_hidden": legend_hidden,
    }


class HalfStarRating(forms.RadioSelect):
    """A rating field's widget (see the module's docstring). Rendered with the site's template
    engine: it is the site's own template, not a Django form template."""

    legend = "Your rating"

    def render(self, name, value, attrs=None, renderer=None):
        prefix = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        context = star_rating_context(name=name, value=value, prefix=prefix, legend=self.legend)
        return render_to_string("includes/star_rating.html", context)

    def id_for_label(self, id_, index="0"):
        return f"{id_}_0" if id_ else ""
