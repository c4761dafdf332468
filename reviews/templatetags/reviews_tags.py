from django import template

from reviews.models import half_stars

register = template.Library()


@register.filter
def stars(rating):
    """A rating in half stars as star glyphs: 7 is '★★★½'."""
    if not rating:
        return ""
    whole, half = divmod(rating, 2)
    return "★" * whole + ("½" if half else "")


@register.filter
def stars_label(rating):
    """A rating in half stars for screen readers: 7 is 'rated 3½ out of 5'."""
    if not rating:
        return ""
    return f"rated {half_stars(rating)} out of 5"
