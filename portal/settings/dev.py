"""Local development: the embedded default (SQLite, database search, console email)."""

import contextlib

from .base import *  # noqa: F403

DEBUG = True
SERVE_MEDIA = True
SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
