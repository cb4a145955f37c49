"""`provenance sql` (psql on the configured database) and the export options of `chain`."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from provenance.cli.target import database_target, in_session

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from provenance.readonly_login import Login
    from provenance.services.relay_bundle import RelayBundle

F = TypeVar("F", bound=Callable[..., Any])

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


def export_options(command: F) -> F:
    """Add --svg, --prov-json and --prov-n to a command that shows one quotation's chains."""
    for name, what in (
        ("--prov-n", "PROV-N"),
        ("--prov-json", "PROV-JSON"),
        ("--svg", "an SVG picture"),
    ):
        command = click.option(
            name,
            type=click.Path(dir_okay=False, writable=True, path_type=Path),
            help=f"Write the relay graph of the best match as {what} to this file.",
        )(command)
    return command


def write_exports(
    url: str,
    *,
    quotation_id: int,
    svg: Path | None = None,
    prov_json: Path | None = None,
    prov_n: Path | None = None,
) -> list[Path]:
    """Write the requested pictures and PROV files of one quotation's relay graph."""
    if svg is None and prov_json is None and prov_n is None:
        return []
    from provenance.services.chain_svg import relay_graph_svg
    from provenance.services.export_prov import to_prov_json, to_prov_n
    from provenance.services.relay_bundle import load_relay_bundle

    async def load(session: AsyncSession) -> RelayBundle:
        return await load_relay_bundle(session, quotation_id=quotation_id)

    bundle = in_session(url, load)
    written = []
    for path, render in ((svg, relay_graph_svg), (prov_json, to_prov_json), (prov_n, to_prov_n)):
        if path is not None:
            path.write_text(render(bundle), encoding="utf-8")
            written.append(path)
    return written


@click.command("chains-benchmark")
@click.option("--repeat", type=click.IntRange(min=1), default=5, show_default=True)
def chains_benchmark(repeat: int) -> None:
    """Time relay graphs, fidelity, similar quotes, outlet relays and a revision; print ms.

    Runs against the configured database (load a corpus first, e.g. with `provenance bench
    generate`); the revision is rolled back.
    """
    from provenance.bench.chains import run_chains_benchmark

    with database_target() as target:
        timings = asyncio.run(run_chains_benchmark(target.url, repeat=repeat))
    width = max(len(name) for name in timings)
    for name, (median, items) in timings.items():
        click.echo(f"{name:<{width}}  {median:9.2f} ms  ({items} items)")
