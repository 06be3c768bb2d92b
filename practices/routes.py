"""The URLs under a practice listing and a case study, and the views that serve them."""

from django.urls import path

from portal.routing import register_routes

from . import views
from .models import PracticeIndexPage, PracticePage


def register():
    """Called once from `PracticesConfig.ready()`."""
    register_routes(
        PracticeIndexPage,
        path("", views.listing),
        path("submit/", views.submit, name="submit"),
        path("submit/thanks/", views.submit_thanks, name="submit_thanks"),
        path("feed/", views.feed, name="feed"),
        path("export/csv/", views.export_csv, name="export_csv"),
        path("export/json/", views.export_json, name="export_json"),
    )
    register_routes(PracticePage, path("", views.case_study))
