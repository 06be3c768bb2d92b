# Participation portal: `make run` serves the demo site, `make test` runs every check.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
# Tests run on both cores (pytest-xdist); the demo is loaded once per run (tests/demo_server.py).
PYTEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist load
# apt-get needs root; use sudo when we are not root and it exists.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: help install install-dev system-deps run serve lint format check messages messages-check \
        compile-messages test test-python test-browser clean \
        bench bench-search bench-pages bench-deps

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install what the site needs

install-dev: $(VENV)/.installed-dev ## Install what the tests need, too

system-deps: ## Install Debian's chromium and gettext if they are missing
	@if ! command -v chromium >/dev/null || ! command -v xgettext >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium gettext >/dev/null; \
	fi

compile-messages: install ## Compile the translation catalogues (.po to .mo)
	$(MANAGE) catalogues compile

run: install compile-messages ## Migrate, load the demo content and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo "Serving on http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(MANAGE) runserver 127.0.0.1:8000

serve: install ## Serve without reloading the demo content
	$(MANAGE) runserver 127.0.0.1:8000

lint: install-dev ## ruff (lint, formatting) and the import contracts (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install-dev ## ruff: fix what can be fixed and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-dev ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

messages: install-dev system-deps ## Update the catalogues in locale/ after changing strings
	$(MANAGE) catalogues make

messages-check: install-dev system-deps ## Fail if a catalogue is stale or a translation is missing
	$(MANAGE) catalogues check

test-python: install-dev compile-messages ## Unit and integration tests only (no browser)
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

test-browser: install-dev system-deps compile-messages ## Browser tests only (Chromium + axe-core)
	$(PYTEST) -m browser $(PYTEST_ARGS)

test: install-dev system-deps lint check messages-check compile-messages ## Everything: lint, checks, catalogues, all tests
	$(PYTEST) $(PYTEST_ARGS)

# The benchmark keeps its own database (10,000 generated case studies): never the demo one.
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/.bench.sqlite3

bench-search: install ## Search latency (p50/p95 of 50 queries) on 10,000 generated case studies
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_demo --apps home practices >/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_search

# `make bench` measures with production settings on loopback, on two databases of its own.
BENCH_DEMO_DATABASE_URL ?= sqlite:///$(CURDIR)/.bench-demo.sqlite3
BENCH_LARGE_DATABASE_URL ?= sqlite:///$(CURDIR)/.bench-10000.sqlite3
BENCH_PRACTICES ?= 10000
BENCH_ARGS ?=
BENCH_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=bench-not-secret \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false

bench-deps: ## Install Debian's wrk, nginx-light and varnish if they are missing
	@if ! command -v wrk >/dev/null || ! [ -x /usr/sbin/nginx ] || ! [ -x /usr/sbin/varnishd ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk nginx-light varnish >/dev/null; \
	fi

bench-pages: install bench-deps compile-messages ## Every page type with wrk: demo data, then 10,000 case studies
	$(BENCH_ENV) $(MANAGE) collectstatic --noinput -v0
	$(BENCH_ENV) DATABASE_URL=$(BENCH_DEMO_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	$(BENCH_ENV) DATABASE_URL=$(BENCH_DEMO_DATABASE_URL) $(MANAGE) load_demo >/dev/null
	$(BENCH_ENV) DATABASE_URL=$(BENCH_DEMO_DATABASE_URL) $(MANAGE) bench --label demo $(BENCH_ARGS)
	$(BENCH_ENV) DATABASE_URL=$(BENCH_LARGE_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	$(BENCH_ENV) DATABASE_URL=$(BENCH_LARGE_DATABASE_URL) $(MANAGE) load_demo >/dev/null
	$(BENCH_ENV) DATABASE_URL=$(BENCH_LARGE_DATABASE_URL) $(MANAGE) generate_content --up-to $(BENCH_PRACTICES)
	$(BENCH_ENV) DATABASE_URL=$(BENCH_LARGE_DATABASE_URL) $(MANAGE) bench --label $(BENCH_PRACTICES) $(BENCH_ARGS)

bench: bench-pages bench-search ## Every benchmark (tables in .bench/)

clean: ## Remove the virtual environment, database, media and caches
	rm -rf $(VENV) db.sqlite3 .bench.sqlite3 .bench-demo.sqlite3 .bench-10000.sqlite3 .bench media staticfiles .test-media .test-artifacts .pytest_cache .ruff_cache
