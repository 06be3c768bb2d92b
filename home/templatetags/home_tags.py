"""Template tags for what the home app owns: the standard pages linked from the footer."""

from django import template

from portal.templatetags.portal_tags import home_page

from ..models import StandardPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The standard pages under the home page: about, contact, privacy, accessibility."""
    home = home_page(context)
    if home is None:
        return []
    return list(home.get_children().live().type(StandardPage))
