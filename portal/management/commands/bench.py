"""Throughput of every page type, as shares of references measured in the same run: `make bench`.

For each page the command first renders it once in-process (status, bytes, SQL queries per
request, after one warm-up request), then measures with `wrk` (Debian package):

- the site: gunicorn with the settings this command runs under (the Makefile gives it the
  production settings) and `--workers` sync workers;
- the framework floor: `portal.bench_floor`, a bare Django view returning the same bytes
  from memory, under the same gunicorn;
- nginx (Debian package `nginx-light`) serving the same bytes from files.

It prints a Markdown table with each page's share of the floor and the memory of each
gunicorn worker of the site, and writes it to `--output` (a git-ignored folder).
Full-page cache hits and Varnish are columns still to come (issue 13).
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

LANGUAGE = "en"
WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def first_url(model_label, language=LANGUAGE):
    """The address of the first live page of a type in `language`, or None."""
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
    return page.get_url() if page else None


def pages_to_measure():
    """(label, path) of each page type the issue names, as far as the database has them."""
    listing = first_url("practices.PracticeIndexPage")
    pages = [
        ("home", first_url("home.HomePage")),
        ("guide chapter", first_url("guidelines.GuideChapterPage")),
        ("practices listing", listing),
        ("listing, two filters", listing and f"{listing}?country=SI&level=consult"),
        ("listing, page 3", listing and f"{listing}?page=3"),
        ("case study", first_url("practices.PracticePage")),
        ("event", first_url("events.EventPage")),
        ("search ?q=budget", f"/{LANGUAGE}/search/?q=budget"),
        ("API list, 20 with fields=*", "/api/v2/pages/?type=practices.PracticePage&fields=*&limit=20"),
        ("practices feed", listing and f"{listing}feed/"),
    ]
    return [(label, path) for label, path in pages if path]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"The server for {url} stopped at start-up (exit code {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (loopback)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"Nothing answered on {url} within {timeout} s.")


@contextlib.contextmanager
def serving(command_for_port, probe_path, environment=None):
    """Run the server `command_for_port(port)` starts on a free loopback port; yields
    (base URL, process)."""
    port = free_port()
    command = command_for_port(port)
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        command, env={**os.environ, **(environment or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + probe_path, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def gunicorn(app, workers):
    def command(port):
        return [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", app]

    return command


def nginx(folder, workers):
    """nginx serving the files in `folder`, its configuration and logs in the same folder."""

    def command(port):
        config = folder / "nginx.conf"
        config.write_text(NGINX_CONF.format(workers=workers, folder=folder, port=port))
        program = shutil.which("nginx") or "/usr/sbin/nginx"
        return [program, "-e", str(folder / "error.log"), "-c", str(config)]

    return command


NGINX_CONF = """worker_processes {workers};
daemon off;
pid {folder}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type "text/html; charset=utf-8";
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {folder};
    }}
}}
"""


def wrk(url, duration, threads, connections):
    """(requests per second, p50 ms, p99 ms) as wrk measures them."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(share):
        value, unit = re.search(rf"^\s+{share}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * WRK_UNITS[unit]

    return rate, latency(50), latency(99)


def worker_memory_mb(master_pid):
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            if int(fields["PPid"]) == master_pid:
                sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


class Command(BaseCommand):
    help = "Measure every page type with wrk against gunicorn, a bare Django view and nginx."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="Seconds of wrk per page and server.")
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--connections", type=int, default=4)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (and nginx workers).")
        parser.add_argument("--output", default=str(settings.BASE_DIR / ".bench"), help="Folder for the tables.")
        parser.add_argument("--label", default="", help="Names the data set in the table, e.g. 'demo'.")

    def handle(self, *args, **options):
        for program in ["wrk", "nginx"]:
            if shutil.which(program) is None and not Path(f"/usr/sbin/{program}").exists():
                raise CommandError(f"{program} is missing: `make bench` installs it (Debian package).")
        pages = [self.render(label, path) for label, path in pages_to_measure()]
        measure = {key: options[key] for key in ["duration", "threads", "connections"]}
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            folder = Path(folder)
            folder.chmod(0o755)  # nginx workers run as another user
            for number, page in enumerate(pages):
                page["file"] = f"page-{number}.html"
                (folder / page["file"]).write_bytes(page["body"])
                (folder / page["file"]).chmod(0o644)
            with serving(gunicorn("portal.wsgi", options["workers"]), pages[0]["path"]) as (base, process):
                for page in pages:
                    page["site"] = wrk(base + page["path"], **measure)
                memory = worker_memory_mb(process.pid)
            floor_command = gunicorn("portal.bench_floor:application", options["workers"])
            with serving(floor_command, f"/{pages[0]['file']}", {"BENCH_FLOOR_DIR": str(folder)}) as (base, _process):
                for page in pages:
                    page["floor"] = wrk(f"{base}/{page['file']}", **measure)
            with serving(nginx(folder, options["workers"]), f"/{pages[0]['file']}") as (base, _process):
                for page in pages:
                    page["nginx"] = wrk(f"{base}/{page['file']}", **measure)
        table = self.table(pages, memory, options)
        self.stdout.write(table)
        output = Path(options["output"])
        output.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        for name in [f"bench-{options['label'] or 'run'}-{stamp}.md", f"latest-{options['label'] or 'run'}.md"]:
            (output / name).write_text(table, encoding="utf-8")
        self.stdout.write(f"Written to {output}/latest-{options['label'] or 'run'}.md")

    def render(self, label, path):
        """The page once in-process, after a warm-up: status, body and SQL per request."""
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{label} ({path}) answered {response.status_code}.")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return {"label": label, "path": path, "body": body, "queries": len(queries)}

    def table(self, pages, memory, options):
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        database = connection.vendor
        pages_count, studies = self.count("practices.PracticePage")
        lines = [
            f"Bench {options['label'] or ''} {when}: {studies:,} case studies ({pages_count:,} pages in all "
            f"languages), {database}, "
            f"gunicorn {options['workers']} sync workers, wrk -t{options['threads']} -c{options['connections']} "
            f"-d{options['duration']}s, {os.cpu_count()} cores.",
            "",
            "| page | bytes | SQL | req/s | p50 ms | p99 ms | floor req/s | share of floor | nginx req/s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page in pages:
            rate, p50, p99 = page["site"]
            floor = page["floor"][0]
            lines.append(
                f"| {page['label']} | {len(page['body']):,} | {page['queries']} | {rate:,.0f} | {p50:.1f} | "
                f"{p99:.1f} | {floor:,.0f} | {100 * rate / floor:.1f} % | {page['nginx'][0]:,.0f} |"
            )
        lines += [
            "",
            "Memory per gunicorn worker after the run: " + ", ".join(f"{size:.0f} MB" for size in memory) + ".",
            "Full-page cache hits and Varnish: not built yet.",
            "",
        ]
        return "\n".join(lines)

    def count(self, model_label):
        """(pages, translation groups) of a page type."""
        try:
            objects = apps.get_model(model_label).objects
        except LookupError:
            return 0, 0
        return objects.count(), objects.values("translation_key").distinct().count()
