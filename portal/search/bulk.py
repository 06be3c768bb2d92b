"""Bulk loads (the demo, generated content, tests) save without per-object index updates."""

from contextlib import contextmanager

from modelsearch.index import get_indexed_models

from django.db.models.signals import post_save

from wagtail.signal_handlers import disable_reference_index_auto_update

from .compat import post_save_signal_handler


@contextmanager
def index_updates_deferred():
    """No search or reference index update per saved object, for bulk loads that rebuild both
    afterwards (`update_index`, `rebuild_references_index`): a quarter of the demo's load time."""
    models_indexed = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models_indexed:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models_indexed:
            post_save.connect(post_save_signal_handler, sender=model)
