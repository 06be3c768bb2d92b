"""Routes of page types whose views live in request modules, not in models.py.

A page model mixes in `RoutedPageMixin` and declares no views; its app's `routes.py`
calls `register_routes` when the app is ready. A view is a plain function
`view(page, request, *args, **kwargs)`: Wagtail binds it to the page as it would a method.
So models never import the modules that serve requests, and those modules import models.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin


class RoutedPageMixin(RoutablePageMixin):
    """A routable page whose routes are registered from its app's request layer."""

    @classmethod
    def get_subpage_urls(cls):
        # Registered routes first: a registered "" replaces the mixin's default index route.
        return tuple(cls.__dict__.get("_registered_routes", ())) + super().get_subpage_urls()


def register_routes(page_class, *patterns):
    """Serve `patterns` (django.urls.path objects) under every page of `page_class`."""
    if not issubclass(page_class, RoutedPageMixin):
        raise TypeError(f"{page_class.__name__} does not mix in RoutedPageMixin")
    page_class._registered_routes = patterns
    # Wagtail caches the resolver on the class: build it again with these routes.
    if "_routablepage_urlresolver" in page_class.__dict__:
        del page_class._routablepage_urlresolver
