"""Template tags other apps use to point into the guidelines."""

from django import template
from django.utils.translation import get_language

from guidelines.models import GuidelineIndexPage

register = template.Library()


@register.inclusion_tag("components/guidelines/decision_type_entry_points.html")
def decision_type_links():
    """Entry points by kind of decision, into the guidelines of the active language."""
    index_page = (
        GuidelineIndexPage.objects.live().filter(locale__language_code=get_language()).order_by("path").first()
    )
    return {"links": index_page.decision_type_links() if index_page else []}
