"""The databases a test run shares: migrated once, copied by every pytest worker.

The first worker starts, in the background and as soon as it has collected the tests,
`migrate` into a template database (a SQLite file, or a PostgreSQL database) in a folder
every worker of the run shares, then, when the run has demo tests, copies it and runs
`load_demo` into a second template. Each worker's test database is a copy of the migrated
template (tests/conftest.py), so the migrations run once per run, not once per worker.
Each worker that reaches a demo test waits for the demo template, copies it (the server
writes sessions and registrations) and serves its copy with `manage.py runserver`.
"""

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]
BUILD_TIMEOUT = 15 * 60
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
# The background build gets the folder by name: it is not a pytest worker.
SHARED = Path(os.environ.get("PORTAL_TEST_SHARED") or Path(tempfile.gettempdir()) / f"portal-demo-{RUN_ID}")


def worker():
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def is_builder():
    return worker() in {"main", "gw0"}


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def database_url(name):
    """The URL of database `name`: beside the test database on PostgreSQL, else a file."""
    url = postgres_url()
    if url is None:
        return f"sqlite:///{SHARED / (name + '.sqlite3')}"
    return url.rsplit("/", 1)[0] + "/" + f"{dj_database_url.parse(url)['NAME']}_{name}"


def recreate_postgres_database(name, template=None):
    database = drop_database(name)
    source = f' TEMPLATE "{dj_database_url.parse(database_url(template))["NAME"]}"' if template else ""
    with psycopg.connect(postgres_url(), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"{source}')


# Redis databases of the processes started here, apart from the workers' (portal/settings/test.py).
BUILD_REDIS_DATABASE = 10


def server_env(name, media):
    """The environment of a process on database `name`: the build, or a worker's demo server."""
    redis_database = BUILD_REDIS_DATABASE if name in {"migrated", "demo_template"} else demo_redis_database()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(name),
        "TEST_MEDIA_ROOT": str(media),
        "TEST_REDIS_DATABASE": str(redis_database),
    }


def demo_redis_database():
    return BUILD_REDIS_DATABASE + 1 + (int(worker()[2:]) if worker().startswith("gw") else 0)


@contextmanager
def shared_lock():
    SHARED.mkdir(exist_ok=True)
    with open(SHARED / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def forget_earlier_runs():
    """Template folders of runs that ended more than a day ago."""
    for folder in SHARED.parent.glob("portal-demo-*"):
        if folder != SHARED and time.time() - folder.stat().st_mtime > 24 * 3600:
            shutil.rmtree(folder, ignore_errors=True)


def start_building(with_demo):
    """Begin building the templates in the background (the first worker only)."""
    forget_earlier_runs()
    with shared_lock():
        if (SHARED / "started").exists():
            return
        (SHARED / "started").touch()
    job = f"from tests.demo_server import build; build({with_demo!r})"
    env = {**os.environ, "PORTAL_TEST_SHARED": str(SHARED)}
    subprocess.Popen([sys.executable, "-c", job], env=env, cwd=ROOT, start_new_session=True)  # noqa: S603


def build(with_demo):
    """The background job: migrate into the first template, then load the demo into a copy."""
    try:
        if postgres_url():
            recreate_postgres_database("migrated")
        media = SHARED / "media"
        subprocess.run(
            [*MANAGE, "migrate", "--noinput", "-v0"], env=server_env("migrated", media), cwd=ROOT, check=True
        )
        (SHARED / "migrated").touch()
        if with_demo:
            copy_database("migrated", "demo_template")
            load = [*MANAGE, "load_demo"]
            subprocess.run(
                load, env=server_env("demo_template", media), cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
            (SHARED / "ready").touch()
    except (OSError, subprocess.CalledProcessError):
        (SHARED / "failed").touch()
        raise


def wait_for(flag, what):
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not (SHARED / flag).exists():
        if (SHARED / "failed").exists():
            raise RuntimeError(f"{what} failed: run it on an empty database to see why")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not finish in time")
        time.sleep(0.2)


def copy_database(template, name):
    """A fresh database `name` with the contents of `template`."""
    with shared_lock():  # PostgreSQL copies one database from a template at a time
        if postgres_url():
            recreate_postgres_database(name, template=template)
        else:
            shutil.copyfile(SHARED / f"{template}.sqlite3", SHARED / f"{name}.sqlite3")


def migrated_test_database():
    """This worker's test database, a copy of the migrated template: its Django settings."""
    if is_builder():
        start_building(with_demo=False)  # collection starts it; this covers runs without demo tests
    wait_for("migrated", "migrate")
    name = f"unit_{worker()}"
    copy_database("migrated", name)
    return dj_database_url.parse(database_url(name))


def drop_database(name):
    """Database `name` gone, if it was there; returns its name (the file's path on SQLite)."""
    database = dj_database_url.parse(database_url(name))["NAME"]
    if postgres_url():
        with psycopg.connect(postgres_url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
    else:
        Path(database).unlink(missing_ok=True)
    return database


def copy_template(media):
    """This worker's own copy of the demo database and media; returns its name."""
    name = f"demo_{worker()}"
    copy_database("demo_template", name)
    with shared_lock():
        shutil.copytree(SHARED / "media", media, dirs_exist_ok=True)
    return name


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server(media):
    """Serve this worker's copy of the demo on a free local port; yields the base URL."""
    if is_builder():
        start_building(with_demo=True)  # in case collection did not start it
    wait_for("ready", "load_demo")
    env = server_env(copy_template(media), media)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*MANAGE, "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/sl/", timeout=2)  # noqa: S310 (our own local server)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise RuntimeError("The demo server did not start") from None
            time.sleep(0.3)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
