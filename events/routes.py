"""The URLs under event listings and event pages, bound to the views in views.py."""

from django.urls import path

from portal.routing import register_routes

from . import views
from .models import EventIndexPage, EventPage


def register():
    """Called once from `EventsConfig.ready()`. The names are the ones the routes had as methods
    of the models, so reverse_subpage is unchanged."""
    register_routes(
        EventIndexPage,
        path("", views.upcoming_view, name="upcoming_view"),
        path("past/", views.past_view, name="past"),
        path("calendar/", views.calendar_view, name="calendar"),
        path("feed/", views.feed_view, name="feed"),
    )
    register_routes(
        EventPage,
        path("", views.event_view, name="event_view"),
        path("register/", views.register_view, name="register"),
        path("cancel/<str:token>/", views.cancel_view, name="cancel"),
        path("calendar/", views.ics_view, name="ics"),
    )
