"""Commands start fast: `provenance --help` imports neither SQLAlchemy nor strawberry.

How long it takes is measured, not asserted (the README gives the numbers):
``python -X importtime -m provenance --help``.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from provenance.cli import COMMANDS, main

HEAVY = ("sqlalchemy", "strawberry", "psycopg", "alembic", "uvicorn", "graphql", "starlette")


def _loaded_after(*arguments: str) -> set[str]:
    """Every module ``provenance ARGUMENTS`` has imported when it exits."""
    code = (
        "import sys\n"
        "from provenance.cli import main\n"
        f"try:\n    main({list(arguments)!r})\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.splitlines())


def _modules_after(*arguments: str) -> set[str]:
    return {name.split(".")[0] for name in _loaded_after(*arguments)}


def test_help_imports_nothing_heavy() -> None:
    loaded = _modules_after("--help")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


# Commands whose module needs no database library until they run (extract and bench load
# their machinery at import).
LIGHT = (
    "db",
    "serve",
    "speaker",
    "attribution",
    "history",
    "chain",
    "doctor",
    "seed",
    "import",
    "export",
    "sql",
    "schema",
)


@pytest.mark.parametrize("command", LIGHT)
def test_command_help_imports_nothing_heavy(command: str) -> None:
    loaded = _modules_after(command, "--help")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_every_listed_command_loads_under_its_name() -> None:
    context = click.Context(main)
    for name, (_target, short_help) in COMMANDS.items():
        command = main.get_command(context, name)
        assert command is not None
        assert command.name == name, f"{name} loads a command named {command.name}"
        assert short_help.endswith(".")


def test_the_sql_help_names_the_read_only_role_of_the_login_module() -> None:
    from provenance import readonly_login
    from provenance.cli import sql

    assert sql.READONLY_ROLE == readonly_login.READONLY_ROLE


def test_the_token_scopes_of_the_cli_are_the_services() -> None:
    from provenance.cli import tokens
    from provenance.services import tokens as token_service

    assert tokens.SCOPES == token_service.SCOPES


def _bench(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name.startswith("provenance.bench")}


def test_help_loads_no_benchmark() -> None:
    assert not _bench(_loaded_after("--help"))


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"bench"}))
def test_a_command_loads_its_benchmark_only_when_it_runs(command: str) -> None:
    # chains-, extract-, ingest- and import-benchmark included: their --help is not a run
    assert not _bench(_loaded_after(command, "--help"))


def test_the_bench_group_loads_the_harness_only_in_the_commands_that_run_it() -> None:
    loaded = _loaded_after("bench", "--help")
    assert "provenance.bench.cli" in loaded
    assert "provenance.bench.harness" not in loaded
    assert "provenance.bench.harness" not in _loaded_after("bench", "run", "--help")
    assert "provenance.bench.corpus_import" not in _loaded_after("bench", "import", "--help")
