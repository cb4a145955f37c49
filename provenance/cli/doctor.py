"""`provenance doctor`: check a database and print what is missing, with the fix."""

from __future__ import annotations

import json
import sys

import click

from provenance.cli.target import database_target


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def doctor(as_json: bool) -> None:
    """Check the database (DATABASE_URL or the embedded one) and say what is missing.

    Connection, server version, extensions, schema revision, the rights migrations need,
    and the application and analyst roles. Exit status 1 when something required is missing.
    """
    from dataclasses import asdict

    from provenance import migrate
    from provenance.config import Settings
    from provenance.doctor import run_checks

    with database_target() as target:
        checks = list(run_checks(target.url, head=migrate.head(), settings=Settings.from_env()))
    if as_json:
        click.echo(json.dumps([asdict(check) for check in checks], indent=2))
    else:
        marks = {True: "ok     ", False: "MISSING", None: "note   "}
        for check in checks:
            click.echo(f"{marks[check.ok]}  {check.name}: {check.detail}")
            if check.fix:
                click.echo(f"         fix: {check.fix}")
    if any(check.ok is False for check in checks):
        sys.exit(1)
