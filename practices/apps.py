"""The practices app: case studies, their filterable listing and the public submission form."""

from django.apps import AppConfig


class PracticesConfig(AppConfig):
    """Registers the routes of the practice pages once the models are loaded."""

    name = "practices"

    def ready(self):
        # The routes name views that import the models, which exist only once the app registry is ready.
        from . import routes

        routes.register()
