"""The events app: page types, registrations and the routes that serve them."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Registers the routes of the event pages once the models are loaded."""

    name = "events"

    def ready(self):
        # Routes import the models and views, so they can only be registered once the models are loaded.
        from . import routes

        routes.register()
