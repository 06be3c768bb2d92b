"""Tests: fast hashing, email kept in memory, media served by the live test server."""

import os
import urllib.parse

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per pytest-xdist worker ("gw0", "gw1"), each emptied when its worker ends; the
# demo servers of the browser tests get theirs through the environment.
MEDIA_ROOT = Path(  # noqa: F405
    os.environ.get("TEST_MEDIA_ROOT") or BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
)
AXES_ENABLED = False
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
# The suite indexes into the database even where ELASTICSEARCH_URL is set: the Elasticsearch
# tests (tests/search/test_elasticsearch.py) point at that server themselves.
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}  # noqa: F405

# pytest-xdist workers share one Redis server, and clearing the cache between tests empties a
# whole Redis database: each worker ("gw0", "gw1", ...) gets a database of its own, and so do
# the processes tests/demo_server.py starts (TEST_REDIS_DATABASE), whose saves would otherwise
# retire a worker's cached content in the middle of its tests.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_OWN_DATABASE = os.environ.get("TEST_REDIS_DATABASE", "")
if REDIS_URL and (_OWN_DATABASE or _WORKER.startswith("gw")):  # noqa: F405
    _redis = urllib.parse.urlsplit(REDIS_URL)  # noqa: F405
    _database = int(_OWN_DATABASE or int(_redis.path.strip("/") or 0) + 1 + int(_WORKER[2:]))
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_database}").geturl()  # noqa: F405
