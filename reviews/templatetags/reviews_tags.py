from django import template

from reviews import controls
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


class MemberControlsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return controls.fill(self.nodelist.render(context), context["request"])


@register.tag
def member_controls(parser, token):
    """`{% member_controls %}…{% endmember_controls %}`: the member's own controls written into
    the markers the comments leave (reviews.controls)."""
    nodelist = parser.parse(("endmember_controls",))
    parser.delete_first_token()
    return MemberControlsNode(nodelist)
