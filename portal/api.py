"""The read-only Wagtail API v2: live public pages of every language, images and documents.

Page types choose what they expose with `api_fields`. Wagtail's page endpoint already
serves only live pages outside view restrictions and filters by `?type=` and `?locale=`;
images and documents in restricted collections stay out.
"""

from rest_framework.renderers import JSONRenderer

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class JSONOnly:
    """Plain JSON: the browsable HTML API needs inline scripts that our CSP forbids."""

    renderer_classes = [JSONRenderer]


class PortalPagesAPIViewSet(JSONOnly, PagesAPIViewSet):
    pass


class PortalImagesAPIViewSet(JSONOnly, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(JSONOnly, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
