"""The demo content, loaded once per test run, served by one live server per pytest worker.

The first worker starts `migrate` and `load_demo` in the background as soon as it has
collected the tests, into a template database (a SQLite file, or a PostgreSQL database) in a
folder every worker of the run shares. Unit tests run meanwhile. Each worker that reaches a
demo test waits for the template, copies it (the server writes sessions and registrations)
and serves its copy with `manage.py runserver`.
"""

import fcntl
import os
import shlex
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
SHARED = Path(tempfile.gettempdir()) / f"portal-demo-{RUN_ID}"


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
    url = postgres_url()
    database = dj_database_url.parse(database_url(name))["NAME"]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        source = f' TEMPLATE "{dj_database_url.parse(database_url(template))["NAME"]}"' if template else ""
        connection.execute(f'CREATE DATABASE "{database}"{source}')


def server_env(name, media):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(name),
        "TEST_MEDIA_ROOT": str(media),
    }


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


def start_building():
    """Begin migrate + load_demo into the template, in the background (the first worker only)."""
    forget_earlier_runs()
    with shared_lock():
        if (SHARED / "started").exists():
            return
        (SHARED / "started").touch()
        if postgres_url():
            recreate_postgres_database("demo_template")
    manage = shlex.join(MANAGE)
    script = (
        f"{manage} migrate --noinput -v0 && {manage} load_demo > /dev/null "
        f"&& touch {shlex.quote(str(SHARED / 'ready'))} || touch {shlex.quote(str(SHARED / 'failed'))}"
    )
    env = server_env("demo_template", SHARED / "media")
    subprocess.Popen(["/bin/sh", "-c", script], env=env, cwd=ROOT, start_new_session=True)  # noqa: S603


def wait_for_template():
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not (SHARED / "ready").exists():
        if (SHARED / "failed").exists():
            raise RuntimeError("load_demo failed: run `manage.py load_demo` on an empty database to see why")
        if time.monotonic() > deadline:
            raise RuntimeError("The demo database was not built in time")
        time.sleep(0.5)


def copy_template(media):
    """This worker's own copy of the demo database and media; returns its name."""
    name = f"demo_{worker()}"
    with shared_lock():  # PostgreSQL copies one database from a template at a time
        if postgres_url():
            recreate_postgres_database(name, template="demo_template")
        else:
            shutil.copyfile(SHARED / "demo_template.sqlite3", SHARED / f"{name}.sqlite3")
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
        start_building()  # in case collection did not start it (a run of demo tests alone)
    wait_for_template()
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
