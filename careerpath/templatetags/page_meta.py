"""Template tags for a page's metadata: render a block once and reuse it (title and description, for sharing)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so {% extends %} finds the blocks inside and children can fill them

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Set where the whole page sees it: base.html captures in its head and uses the value further down.
        context.dicts[0][self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render the content once (blocks included) into `name`, output nothing."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% capture %} takes one name: {% capture page_title %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
