"""The events app: page types, registrations and the routes that serve them."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        # Routes import the models and views, so they can only be registered once the models are loaded.
        from . import routes  # noqa: F401
