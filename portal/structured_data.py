"""What search engines and social networks read in the head: JSON-LD, Open Graph, canonical URL.

Content apps build their own schema.org objects (events/structured_data.py,
practices/structured_data.py) with the helpers here; `json_ld_script` writes any of them.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wagtail.images import get_image_model
from wagtail.models import Page

SOCIAL_RENDITION = "fill-1200x630"
DEFAULT_SOCIAL_IMAGE = "portal/img/social-default.png"
DEFAULT_SOCIAL_IMAGE_SIZE = (1200, 630)
# Open Graph wants a territory with each language.
OG_LOCALES = {"sl": "sl_SI", "en": "en_GB", "bg": "bg_BG", "cs": "cs_CZ", "sk": "sk_SK"}
# Fields that hold a page's own picture, in order of preference.
IMAGE_FIELDS = ["social_image", "cover_image", "image"]
STREAM_FIELDS_WITH_IMAGES = ["gallery", "body"]
# As django.utils.html.json_script escapes (its table is private).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element, escaped as Django's json_script does.

    Browsers never run it, so the CSP allows it without a nonce; escaping <, > and & keeps
    text such as "</script>" in a title from ending the element early.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


def absolute_url(request, url):
    return request.build_absolute_uri(url) if url else ""


def iso_datetime(value, tzinfo=None):
    """An ISO 8601 date-time with its UTC offset, in `tzinfo` when given."""
    if tzinfo is not None:
        value = value.astimezone(tzinfo)
    return value.isoformat()


def organisation_data(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def breadcrumb_list(request, ancestors, page):
    """schema.org BreadcrumbList from the ancestors shown in the breadcrumb, and the page."""
    trail = [*ancestors, page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute_url(request, crumb.get_url(request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def first_stream_image(page):
    """(image id, alt text) of the first image block in a page's gallery or body, or None.

    Reads the raw JSON so no other block of the stream is loaded.
    """
    for field_name in STREAM_FIELDS_WITH_IMAGES:
        stream = getattr(page, field_name, None)
        for block in getattr(stream, "raw_data", None) or []:
            value = block.get("value")
            if block.get("type") == "image" and isinstance(value, dict) and value.get("image"):
                return value["image"], value.get("alt_text") or ""
    return None


def page_image(page):
    """(image, alt text) that represents a page when it is shared, or (None, "")."""
    for field_name in IMAGE_FIELDS:
        image = getattr(page, field_name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image, getattr(image, "default_alt_text", "") or page.title
    found = first_stream_image(page)
    if found:
        image = get_image_model().objects.filter(pk=found[0]).first()
        if image is not None:
            return image, found[1] or page.title
    return None, ""


def social_image(request, page):
    """{url, width, height, alt} of a 1200×630 rendition, or of the site's default picture."""
    image, alt = page_image(page) if isinstance(page, Page) else (None, "")
    if image is not None:
        rendition = image.get_rendition(SOCIAL_RENDITION)
        return {
            "url": absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }
    width, height = DEFAULT_SOCIAL_IMAGE_SIZE
    return {
        "url": absolute_url(request, static(DEFAULT_SOCIAL_IMAGE)),
        "width": width,
        "height": height,
        "alt": gettext("Participation portal"),
    }


def page_description(page):
    """The same text as the meta description: the SEO text, else the summary or introduction."""
    for field_name in ["search_description", "summary", "intro", "lead"]:
        text = getattr(page, field_name, "")
        if isinstance(text, str) and text.strip():
            return " ".join(text.split())
    return ""


def is_listing(page):
    """Home and index pages (one per parent, by the house rule) list content; others are content."""
    return page.depth <= 2 or getattr(page, "max_count_per_parent", None) == 1


def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


def social_meta(request, page, language_code):
    """What the Open Graph and Twitter card tags say about the page being shown."""
    is_page = isinstance(page, Page) and page.pk
    return {
        # The path without its query string: filtered and paginated views of a listing
        # are the listing. Each language is its own canonical page (hreflang lists the rest).
        "canonical": request.build_absolute_uri(request.path),
        "title": (page.seo_title or page.title) if is_page else "",
        "description": page_description(page) if is_page else "",
        "type": "article" if is_page and not is_listing(page) else "website",
        "locale": og_locale(language_code),
        "image": social_image(request, page if is_page else None),
    }
