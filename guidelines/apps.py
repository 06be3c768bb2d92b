"""The guidelines app: guides, their ordered chapters and the ways in by kind of decision."""

from django.apps import AppConfig
from django.db.models.signals import post_delete


class GuidelinesConfig(AppConfig):
    """Registers the routes of the guideline pages once the models are loaded, and drops the
    links of pages that are deleted."""

    name = "guidelines"

    def ready(self):
        # The routes name views that import the models, which exist only once the app registry is ready.
        from wagtail.models import Page

        from . import links, routes

        routes.register()
        post_delete.connect(links.forget_deleted_page, sender=Page, dispatch_uid="guidelines-forget-deleted-page")
