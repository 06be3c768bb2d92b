"""Fixtures for every test, and the live demo server (tests/demo_server.py) for the tests that
need the whole demo."""

import shutil

import pytest

from django.conf import settings

from tests import demo_server
from tests.base import build_five_locale_site


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """This worker's test database: a copy of the run's migrated template (migrations run once
    per run, tests/demo_server.py), with the five-locale site PortalTestCase uses."""
    from django.db import connections

    database = demo_server.migrated_test_database()
    for key in ["NAME", "HOST", "PORT", "USER", "PASSWORD"]:
        settings.DATABASES["default"][key] = database[key]
        connections["default"].settings_dict[key] = database[key]
    connections["default"].close()
    with django_db_blocker.unblock():
        build_five_locale_site()
    yield
    connections["default"].close()
    demo_server.drop_database(f"unit_{demo_server.worker()}")


def uses_demo(item):
    return "live_url" in getattr(item, "fixturenames", ())


def uses_database(item):
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return bool(
        item.get_closest_marker("django_db")
        or (cls is not None and issubclass(cls, TransactionTestCase))
        or {"db", "transactional_db", "migrated_sqlite"} & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(items):
    """Tests without a database first (they run while the run's template is migrated), demo
    tests last (the workers run the unit tests while the demo loads)."""
    items.sort(key=lambda item: (uses_demo(item), uses_database(item)))


def pytest_collection_finish(session):
    """Once the tests are collected, the first worker starts migrating (and, for a run with
    demo tests, loading the demo) in the background."""
    if demo_server.is_builder():
        demo_server.start_building(with_demo=any(uses_demo(item) for item in session.items))


@pytest.fixture
def migrated_sqlite():
    """The run's migrated template as a SQLite file, or None on PostgreSQL."""
    if demo_server.postgres_url():
        return None
    demo_server.wait_for("migrated", "migrate")
    return demo_server.SHARED / "migrated.sqlite3"


@pytest.fixture(scope="session")
def live_url(tmp_path_factory):
    """Base URL of a server with the full demo content in all five languages."""
    with demo_server.demo_server(tmp_path_factory.mktemp("demo-media")) as url:
        yield url
