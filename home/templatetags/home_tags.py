"""Template tags for what the home app owns: the footer's pages and site details."""

from django import template
from django.utils.translation import get_language

from wagtail.models import Site

from portal.cache import cached
from portal.templatetags.portal_tags import home_page

from ..models import SiteSettings, StandardPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The standard pages under the home page: about, contact, privacy, accessibility."""
    home = home_page(context)
    if home is None:
        return []
    return cached("footer-pages", lambda: list(home.get_children().live().type(StandardPage)), home.pk)


@register.simple_tag(takes_context=True)
def site_details(context):
    """The footer's organisation, text, contact address and social links, in the active
    language (the site text snippet's translation where there is one)."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return {}
    return cached("site-details", lambda: _details_of(site), site.pk, get_language())


def _details_of(site):
    # Not SiteSettings.for_site: creating the row on a read would count as a content change.
    site_settings = SiteSettings.objects.filter(site=site).select_related("site_text").first() or SiteSettings()
    site_text = site_settings.site_text.localized if site_settings.site_text else None
    return {
        "organisation_name": site_text.organisation_name if site_text else "",
        "footer_text": site_text.footer_text if site_text else "",
        "contact_email": site_settings.contact_email,
        "social_links": list(site_settings.social_links),
    }
