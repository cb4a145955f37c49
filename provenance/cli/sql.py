"""`provenance sql`: psql on the configured database, or as the read-only analyst login."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from typing import TYPE_CHECKING

import click

from provenance.cli.target import database_target

if TYPE_CHECKING:
    from provenance.readonly_login import Login

# As provenance.readonly_login names it (imported there only when `sql --read-only` runs,
# since it loads the driver); tests/cli/test_startup.py checks the two agree.
READONLY_ROLE = "provenance_readonly"


def psql_environment(url: str, *, login: Login | None = None) -> dict[str, str]:
    """libpq variables for ``url`` (as ``login`` if given): no password in the process list."""
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(url)
    names = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "dbname": "PGDATABASE",
        "sslmode": "PGSSLMODE",
    }
    env = dict(os.environ)
    env.update({var: str(parts[key]) for key, var in names.items() if parts.get(key)})
    if login is not None:
        env["PGUSER"], env["PGPASSWORD"] = login.user, login.password
    return env


def _run_psql(psql: str, args: tuple[str, ...], env: dict[str, str]) -> int:
    """psql as a child; Ctrl-C is psql's (it cancels the running query), not ours."""
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        return subprocess.call([psql, *args], env=env)
    finally:
        signal.signal(signal.SIGINT, previous)


@click.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--read-only",
    is_flag=True,
    help=f"Log in as a role that is a member of {READONLY_ROLE} only: read everything, "
    "write nothing, and SET ROLE cannot escape it.",
)
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
def sql(read_only: bool, psql_args: tuple[str, ...]) -> None:
    """Open psql on the configured database (see docs/sql-cookbook.md for questions to ask).

    Arguments after the options go to psql: `provenance sql --read-only -- -c 'SELECT 1'`.
    """
    psql = shutil.which("psql")
    if psql is None:
        raise click.ClickException(
            "psql is not installed: install the PostgreSQL client "
            "(apt-get install postgresql-client)"
        )
    with database_target() as target:
        if not read_only:
            env = psql_environment(target.url)
            if target.cluster is None:
                os.execvpe(psql, [psql, *psql_args], env)  # nothing to clean up
            code = _run_psql(psql, psql_args, env)
        else:
            from provenance.readonly_login import ReadOnlyLoginError, read_only_login

            directory = None if target.cluster is None else target.cluster.directory
            try:
                with read_only_login(target.url, cluster_directory=directory) as login:
                    code = _run_psql(psql, psql_args, psql_environment(target.url, login=login))
            except ReadOnlyLoginError as error:
                raise click.ClickException(str(error)) from None
    if code:
        raise SystemExit(code)
