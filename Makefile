# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SOURCES := provenance tests migrations

.PHONY: run test lint typecheck pytest schema postgres clean help

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run: $(STAMP)  ## Serve the API over the seeded embedded database on http://127.0.0.1:8000/graphql
	$(BIN)/provenance serve

test: lint typecheck pytest  ## Lint, type-check and run the whole test suite

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

typecheck: $(STAMP)  ## mypy --strict on the package
	$(BIN)/mypy --strict provenance

pytest: $(STAMP)  ## The test suite against a real PostgreSQL
	$(BIN)/pytest $(PYTEST_ARGS)

schema: $(STAMP)  ## Re-export graphql/schema.graphql from the code
	$(BIN)/provenance schema > graphql/schema.graphql

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory postgres
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

postgres:  ## Install PostgreSQL from Debian if it is missing (needs root)
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib; \
	else \
		echo "PostgreSQL is not installed: run 'sudo apt-get install postgresql postgresql-contrib' and retry." >&2; \
		exit 1; \
	fi

clean:  ## Remove the environment and the embedded database
	-$(BIN)/python -c "from provenance.localdb import LocalCluster, default_cluster_dir; LocalCluster(default_cluster_dir()).stop()" 2>/dev/null
	rm -rf $(VENV) .provenance .mypy_cache .ruff_cache
