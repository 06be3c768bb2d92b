"""Head tags for search engines and social networks: Open Graph, JSON-LD, canonical URL."""

from django import template
from django.utils.translation import get_language

from portal import structured_data
from portal.templatetags.portal_tags import breadcrumbs

register = template.Library()


@register.simple_tag(takes_context=True)
def social_meta(context):
    """Canonical URL, title, description, type and image of what is being shown."""
    return structured_data.social_meta(context["request"], context.get("page"), get_language())


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, page):
    """The breadcrumb trail as schema.org BreadcrumbList, for pages below the home page."""
    ancestors = breadcrumbs(page)
    if not ancestors:
        return ""
    return structured_data.json_ld_script(structured_data.breadcrumb_list(context["request"], ancestors, page))


@register.simple_tag
def json_ld(data):
    """A schema.org object (a dict) as a <script type="application/ld+json"> element."""
    return structured_data.json_ld_script(data) if data else ""


@register.filter
def og_locale(language_code):
    return structured_data.og_locale(language_code)
