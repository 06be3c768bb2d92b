"""Middleware of the project."""

from django.middleware.locale import LocaleMiddleware


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its language redirect for unprefixed addresses.

    Django sends any 404 outside the language prefix to `/<lang>/...` when that path would
    resolve, and Wagtail's page route makes every such path resolve: an API client asking
    for a missing page would get a redirect to an HTML page instead of a JSON 404.
    """

    UNPREFIXED = ("/admin/", "/api/", "/documents/", "/static/", "/media/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
