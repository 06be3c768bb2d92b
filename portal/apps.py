from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: shared template tags, static files and the search view; drops
    cached content whenever content changes (portal/cache.py)."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.signals import post_page_move

        from . import cache

        post_save.connect(cache.content_saved, dispatch_uid="portal-content-saved")
        post_delete.connect(cache.content_saved, dispatch_uid="portal-content-deleted")
        post_page_move.connect(cache.content_changed, dispatch_uid="portal-page-moved")
