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


def _modules_after(*arguments: str) -> set[str]:
    code = (
        "import sys\n"
        "from provenance.cli import main\n"
        f"try:\n    main({list(arguments)!r})\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return {line.split(".")[0] for line in result.stdout.splitlines()}


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
