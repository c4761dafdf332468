"""The half-star rating control: ten radio buttons drawn as stars (static/js/stars.js and the
"Half-star rating" section of site.css), with a "No rating" radio first, so it works by keyboard
(arrow keys move between the radios), by screen reader (a fieldset of labelled radios) and
without the script. With it, clicking the chosen star again clears the rating."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe

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


def star_rating_html(*, name, value, prefix, legend, legend_hidden=False):
    """The control's markup (the widget, and forms written by hand with {% star_rating %}):
    written in Python, as a template's loop over its eleven radios resolved some hundred
    variables each time it was drawn (the film page draws it for every signed-in member)."""
    name = escape(str(name))
    hidden = ' class="visually-hidden"' if legend_hidden else ""
    parts = [
        '<fieldset class="star-rating" data-star-rating>\n'
        f"  <legend{hidden}>{escape(str(legend))}</legend>\n  "
    ]
    for option in star_options(value, prefix):
        parts.append(star_radio(name, option))
    parts.append("\n</fieldset>\n")
    return mark_safe("".join(parts))


def star_radio(name, option):
    """One radio and its label: a star (the left or right half of one), or "No rating"."""
    rating, label, id_ = option["value"], escape(option["label"]), escape(option["id"])
    checked = " checked" if option["checked"] else ""
    radio = (
        f'\n    <input type="radio" name="{name}" value="{rating}" id="{id_}"\n'
        f'      class="{"star" if rating else "star-clear"}"{checked}>\n    '
    )
    if not rating:
        return f'{radio}\n      <label for="{id_}" class="star-clear">{label}</label>\n    \n  '
    return (
        f'{radio}\n      <label for="{id_}" class="star star-{option["half"]}"\n'
        f'        title="{label}"><span class="visually-hidden">{label}</span><span\n'
        '        class="star-glyph" aria-hidden="true">★</span></label>\n    \n  '
    )


class HalfStarRating(forms.RadioSelect):
    """A rating field's widget (see the module's docstring). Rendered with the site's template
    engine: it is the site's own template, not a Django form template."""

    legend = "Your rating"

    def render(self, name, value, attrs=None, renderer=None):
        prefix = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return star_rating_html(name=name, value=value, prefix=prefix, legend=self.legend)

    def id_for_label(self, id_, index="0"):
        return f"{id_}_0" if id_ else ""
