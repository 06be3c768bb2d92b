from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: shared template tags, static files and the search view."""

    name = "portal"
    verbose_name = "Portal"
