"""Small project-wide views that belong to no content area."""

from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return redirect(static("portal/img/favicon.svg"), permanent=True)
