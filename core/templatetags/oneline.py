"""`{% oneline %}…{% endoneline %}`: a long line of a template, wrapped for whoever reads the
template without changing the page (or mail) it renders.

Django has no way to continue a line: a tag or a variable stays on one line, and a line break
between them is part of the output. Inside `{% oneline %}` every line break of the template's
own text is dropped together with the indentation after it, once, when the template is compiled.
So wrap only where the output has no space (between tags, variables and markup), or keep the
space on the upper line. What variables and included templates render is left as it is.
"""

import re

from django import template
from django.template.base import TextNode

register = template.Library()

LINE_BREAK = re.compile(r"\n[ \t]*")


@register.tag
def oneline(parser, token):
    nodelist = parser.parse(("endoneline",))
    parser.delete_first_token()
    for node in nodelist.get_nodes_by_type(TextNode):
        node.s = LINE_BREAK.sub("", node.s)
    return OneLineNode(nodelist)


class OneLineNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return self.nodelist.render(context)
