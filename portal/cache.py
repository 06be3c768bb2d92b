"""What every page shows and only editors change (home pages, menu, footer, site settings),
cached per site and language, and all of it dropped the moment content changes.

One number, the content generation, is part of every key: saving or deleting a page, a
snippet, a setting, a site or a locale, or moving a page, bumps it (connected in apps.py),
which retires every entry at once, in every language. With Redis (REDIS_URL) every app
server shares it; the local-memory default is per process, which suits one process.
"""

import time

from django.core.cache import cache

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, Site
from wagtail.snippets.models import get_snippet_models

GENERATION_KEY = "portal:content-generation"
TIMEOUT = 24 * 60 * 60
CONTENT = (Page, Site, Locale, BaseSiteSetting, BaseGenericSetting, AbstractImage, AbstractDocument)
# Fields Wagtail fills in on its own while serving a page (an image's size and hash, on its
# first rendition): nothing a visitor sees changes.
BOOKKEEPING = {"file_size", "file_hash"}
MISSING = object()


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A start value that differs from any earlier one, should the cache have been emptied.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def content_saved(sender, instance, **kwargs):
    """post_save and post_delete receiver: only what pages show counts (not renditions,
    registrations, sessions or Wagtail's own bookkeeping)."""
    if set(kwargs.get("update_fields") or ()) <= BOOKKEEPING and kwargs.get("update_fields"):
        return
    if isinstance(instance, CONTENT) or type(instance) in get_snippet_models():
        content_changed()


def content_changed(**kwargs):
    """Every cached piece of content is out of date (also a receiver of page moves)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def cached(name, build, *parts):
    """`build()`'s value, kept under `name` and `parts` until content changes."""
    key = ":".join(["portal", name, str(generation()), *map(str, parts)])
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
