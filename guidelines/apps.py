"""The guidelines app: guides, their ordered chapters and the ways in by kind of decision."""

from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    """Registers the routes of the guideline pages once the models are loaded."""

    name = "guidelines"

    def ready(self):
        # The routes name views that import the models, which exist only once the app registry is ready.
        from . import routes

        routes.register()
