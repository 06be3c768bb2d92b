"""The URLs under the guideline pages, and the views that serve them."""

from django.urls import path

from portal.routing import register_routes

from . import views
from .models import GuideChapterPage, GuidelineIndexPage, GuidePage


def register():
    """Called once from `GuidelinesConfig.ready()`."""
    register_routes(
        GuidelineIndexPage,
        path("", views.guideline_index),
        path("decision/<str:decision_type>/", views.by_decision_type, name="decision_type"),
    )
    register_routes(GuidePage, path("", views.guide_page), path("print/", views.guide_print, name="print"))
    register_routes(GuideChapterPage, path("", views.chapter_page))
