# Samverka — developer tasks (GNU make).
#
#   make run       install deps, migrate, seed demo data, start dev server and a task worker
#   make test      lint + migrations check + pytest on SQLite and PostgreSQL (side by side)
#   make lint      ruff check + ruff format --check + the apps' layering
#   make layering  the apps' layering read from the imports (scripts/check_layering.py)
#   make format    ruff format + ruff check --fix
#   make messages  update and compile Swedish translations
#   make bench     build a large municipality (seed_scale) and time its pages, PDF and imports
#   make loadtest  50 simulated users for 60 s against gunicorn + a throwaway PostgreSQL
#   make clean     remove caches and build output (distclean: also .venv, node_modules, var)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUFF   := $(VENV)/bin/ruff
PYTEST_ARGS ?=
# Tests run in parallel (pytest-xdist), one worker per core; PYTEST_WORKERS=0 runs in one process.
# "worksteal": a worker that runs out of tests takes pending ones from another's queue.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal

APT_PACKAGES := chromium gettext poppler-utils
PG_INITDB    := /usr/lib/postgresql/15/bin/initdb

# Use sudo for apt only when not root and sudo exists.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || ! command -v sudo >/dev/null 2>&1 || echo sudo)

.PHONY: help venv node_modules lockfile sysdeps run test test-sqlite test-postgres \
        lint layering format messages bench loadtest clean distclean

help:
	@sed -n 's/^#   make /  make /p' $(firstword $(MAKEFILE_LIST))

# --- Python virtualenv --------------------------------------------------------
venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@if [ ! -x $(PY) ] || ! $(PY) -m pip --version >/dev/null 2>&1; then \
		echo "Creating $(VENV)"; \
		rm -rf $(VENV); \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# --- Front-end packages (Bootstrap) -------------------------------------------
node_modules: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Regenerate package-lock.json after editing package.json. .npmrc keeps
# "resolved" registry URLs out; the "funding" URLs are stripped here so the
# lock file names no host at all.
lockfile:
	npm install --no-audit --no-fund
	node -e 'const fs=require("fs");const l=JSON.parse(fs.readFileSync("package-lock.json","utf8"));for(const p of Object.values(l.packages||{}))delete p.funding;fs.writeFileSync("package-lock.json",JSON.stringify(l,null,2)+"\n")'
	@! grep -nE 'https?:|registry' package-lock.json

# --- System packages (Chromium for browser tests, gettext, poppler, Postgres) --
sysdeps:
	@pkgs=""; \
	if [ ! -x /usr/bin/chromium ] || ! command -v msgfmt >/dev/null 2>&1 \
	   || ! command -v pdftoppm >/dev/null 2>&1; then \
		pkgs="$(APT_PACKAGES)"; \
	fi; \
	if [ ! -x $(PG_INITDB) ]; then pkgs="$$pkgs postgresql"; fi; \
	if [ -n "$$pkgs" ]; then \
		echo "Installing system packages:$$pkgs"; \
		export DEBIAN_FRONTEND=noninteractive; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) apt-get install -y -qq $$pkgs; \
	fi

# --- Development server ---------------------------------------------------------
run: venv node_modules
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	@# A background worker (imports, the status report's PDF) beside the server, stopped with it.
	DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# --- Checks -----------------------------------------------------------------------
lint: venv
	$(RUFF) check .
	$(RUFF) format --check .
	@$(MAKE) --no-print-directory layering

# No import of a higher app, no import cycles, no string reference hiding a dependency.
layering: venv
	$(PY) scripts/check_layering.py

format: venv
	$(RUFF) format .
	$(RUFF) check --fix .

# SQLite run: DATABASE_URL is removed so the default settings are used.
test-sqlite: venv node_modules sysdeps ocds-schema
	env -u DATABASE_URL $(PYTEST) $(PYTEST_ARGS)

# PostgreSQL run: uses $$DATABASE_URL when set, else a throwaway cluster.
test-postgres: venv node_modules sysdeps ocds-schema
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "pytest on PostgreSQL (DATABASE_URL from environment)"; \
		$(PYTEST) $(PYTEST_ARGS); \
	else \
		echo "pytest on PostgreSQL (throwaway cluster)"; \
		bash scripts/pg_test.sh $(PYTEST) $(PYTEST_ARGS); \
	fi

# The OCDS schema download (network) runs while the checks (CPU) run.
test: venv node_modules sysdeps
	@mkdir -p var
	$(PY) scripts/fetch_ocds_schema.py >var/ocds-schema.log 2>&1 & fetch=$$!; \
	checks=0; fetched=0; \
	{ $(RUFF) check . && $(RUFF) format --check . && $(PY) scripts/check_layering.py \
	  && env -u DATABASE_URL DEBUG=1 $(PY) manage.py makemigrations --check --dry-run; } || checks=$$?; \
	wait $$fetch || fetched=$$?; cat var/ocds-schema.log; \
	[ $$checks -eq 0 ] && [ $$fetched -eq 0 ]
	bash scripts/test_both.sh $(PYTEST) $(PYTEST_ARGS)

# The published OCDS schema files that tests/api/test_ocds_schema.py validates the procurements
# dataset against: extracted from two sdists on the package index into var/ocds-schema/
# (scripts/fetch_ocds_schema.py; does nothing when they are there).
.PHONY: ocds-schema
ocds-schema: venv
	$(PY) scripts/fetch_ocds_schema.py

# Serving (wsgi, runserver) refuses to start without SECRET_KEY when DEBUG is off;
# commands such as the migrations check need no key.

# --- Benchmark ----------------------------------------------------------------
# Storstads kommun (seed_scale: 2 000 enterprises, 5 000 procurements, 50 000 payments, ...;
# skipped when it exists), then bench: query counts and server times of the main pages (each
# also as a multiple of the floor, a page with the layout and no domain query), the PDF
# report's time and peak memory, the imports' times; on SQLite, then on PostgreSQL.
# SQLite: the default database, or $$DATABASE_URL when it is a sqlite:// URL. PostgreSQL:
# $$DATABASE_URL when it is a postgres:// URL, else a throwaway cluster (scripts/pg_test.sh).
# Options for bench: BENCH_ARGS, e.g. make bench BENCH_ARGS="--repeat 5".
BENCH_ARGS ?=

BENCH_STEPS = $(PY) manage.py migrate --noinput && $(PY) manage.py seed_scale --network \
	&& $(PY) manage.py bench $(BENCH_ARGS)

bench: venv node_modules sysdeps
	@echo "bench on SQLite"
	@case "$${DATABASE_URL:-}" in \
		sqlite:*) sh -c '$(BENCH_STEPS)' ;; \
		*) env -u DATABASE_URL sh -c '$(BENCH_STEPS)' ;; \
	esac
	@echo "bench on PostgreSQL"
	@case "$${DATABASE_URL:-}" in \
		postgres*) sh -c '$(BENCH_STEPS)' ;; \
		*) bash scripts/pg_test.sh sh -c '$(BENCH_STEPS)' ;; \
	esac

# --- Load test ----------------------------------------------------------------
# scripts/loadtest.py on a throwaway PostgreSQL: gunicorn on 127.0.0.1, simulated users reading,
# creating and editing; prints requests, 5xx, median/p95 latency and lost writes, and fails on a
# server error or a lost write. Options: LOADTEST_ARGS, e.g. make loadtest LOADTEST_ARGS="--users 10".
LOADTEST_ARGS ?=

loadtest: venv node_modules sysdeps
	bash scripts/pg_test.sh $(PY) scripts/loadtest.py $(LOADTEST_ARGS)

# --- Translations -------------------------------------------------------------
messages: venv sysdeps
	DEBUG=1 $(PY) manage.py makemessages -l sv --no-location --ignore=.venv --ignore=node_modules --ignore=var --ignore=staticfiles
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# --- Cleanup ------------------------------------------------------------------
clean:
	rm -rf .pytest_cache .ruff_cache test-artifacts staticfiles build
	find . -path ./.venv -prune -o -path ./node_modules -prune -o \
		\( -name __pycache__ -o -name '*.egg-info' \) -type d -print0 | xargs -0 rm -rf
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name '*.pyc' -print0 | xargs -0 rm -f

distclean: clean
	rm -rf $(VENV) node_modules var
