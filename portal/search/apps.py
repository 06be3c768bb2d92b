from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search: its query statistics model and the editors' report."""

    name = "portal.search"
    label = "portal_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, lookups  # noqa: F401 (register the facet check and the `in_ids` lookup)
