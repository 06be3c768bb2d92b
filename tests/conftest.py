"""Fixtures for every test."""

import shutil

import pytest

from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    """Uploaded test files go to a throwaway folder, emptied after the run."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached fragments must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
