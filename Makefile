# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SOURCES := provenance tests migrations bench

.PHONY: setup run test lint typecheck pytest schema settings-table lock system-packages clean help

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP)  ## Only set up: system packages and the .venv (what the other targets do first)

run: $(STAMP)  ## Serve the API over the seeded embedded database on http://127.0.0.1:8000/graphql
	$(BIN)/provenance serve

test: lint typecheck pytest  ## Lint, type-check and run the whole test suite

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

typecheck: $(STAMP)  ## mypy --strict on the package, its tests and migrations
	$(BIN)/mypy --strict provenance tests migrations

# Two pytest-xdist workers (PYTEST_WORKERS=0 runs in one process): each starts its own
# PostgreSQL cluster; read-only tests share a database per worker (tests/conftest.py).
PYTEST_WORKERS ?= 2

pytest: $(STAMP)  ## The test suite against a real PostgreSQL
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

schema: $(STAMP)  ## Re-export graphql/schema.graphql from the code
	$(BIN)/provenance schema > graphql/schema.graphql

settings-table: $(STAMP)  ## Regenerate README.md's configuration table from provenance/config.py
	$(BIN)/python -m provenance.config --write README.md

# The environment installs exactly the versions of requirements-dev.lock (`make lock` after
# changing dependencies in pyproject.toml), then the package (and a dependency added since
# the last `make lock`: tests/test_packaging.py says when the lock is behind).
$(STAMP): pyproject.toml requirements-dev.lock
	@$(MAKE) --no-print-directory system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

LOCK := $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url \
	--no-emit-find-links --no-emit-trusted-host

lock: $(STAMP)  ## Re-resolve requirements.lock (the image) and requirements-dev.lock (make setup)
	$(LOCK) --output-file requirements.lock pyproject.toml
	$(LOCK) --extra dev --output-file requirements-dev.lock pyproject.toml

system-packages:  ## Install PostgreSQL, Graphviz, PgBouncer and Chromium (tests) from Debian if missing (needs root)
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 \
		|| missing="$$missing postgresql postgresql-contrib"; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing="$$missing pgbouncer"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "Missing system packages: run 'sudo apt-get install$$missing' and retry." >&2; \
		exit 1; \
	fi

clean:  ## Remove the environment; the embedded database is stopped, not deleted
	-$(BIN)/python -c "from provenance.localdb import LocalCluster, default_cluster_dir; LocalCluster(default_cluster_dir()).stop()" 2>/dev/null
	rm -rf $(VENV) .mypy_cache .ruff_cache
	@echo "The embedded database is kept: provenance db url shows where; PROVENANCE_DATA_DIR moves it."
