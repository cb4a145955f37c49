"""`provenance bench`: make a synthetic corpus, manage the benchmark cluster, run benchmarks.

The harness (harness.py: servers, load generator, cases) loads only in the commands that
run it, `bench run` and `bench scale`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import click
import psycopg

from provenance import migrate
from provenance.bench.cluster import DATABASE, DEFAULT_DIRECTORY, bench_cluster
from provenance.bench.fuzz_command import fuzz
from provenance.bench.load import MODES, load_corpus
from provenance.bench.plan import CorpusPlan
from provenance.bench.report import table
from provenance.bench.verify import InvariantViolation
from provenance.config import Settings


def project_root() -> Path:
    """The source tree (bench/ beside the package holds the cases), else the current folder."""
    beside_package = Path(__file__).resolve().parents[2]
    return beside_package if (beside_package / "bench").is_dir() else Path.cwd()


@click.group()
def bench() -> None:
    """Performance at scale: a synthetic corpus and the benchmarks run against it."""


bench.add_command(fuzz)


def _database_url(url: str | None) -> str:
    found = url or Settings.from_env().database_url
    if not found:
        raise click.UsageError(
            "give --database-url or set DATABASE_URL; "
            "`provenance bench cluster start` prints the URL of a benchmark database"
        )
    return found


@bench.command()
@click.option(
    "--quotations",
    "-n",
    type=click.IntRange(min=1),
    required=True,
    help="How many quotations to generate (about 5 attributions each).",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="The same seed and size give the same corpus.",
)
@click.option("--database-url", help="Target database (default: $DATABASE_URL); migrated to head.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="How per-row triggers are handled during the load (see provenance.bench.load).",
)
@click.option("--batch-size", type=click.IntRange(min=1), default=10_000, show_default=True)
@click.option("--no-vacuum", is_flag=True, help="Skip VACUUM ANALYZE after the load.")
@click.option(
    "--json-out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the load report as JSON here.",
)
def generate(
    quotations: int,
    seed: int,
    database_url: str | None,
    mode: str,
    batch_size: int,
    no_vacuum: bool,
    json_out: Path | None,
) -> None:
    """Generate a heavy-tailed synthetic corpus and load it with COPY."""  # fmt: skip
    url = _database_url(database_url)
    migrate.upgrade(url)
    plan = CorpusPlan(quotations=quotations, seed=seed, batch_size=batch_size)
    started = time.perf_counter()
    try:
        report = load_corpus(
            url, plan, mode=mode, vacuum=not no_vacuum, progress=lambda m: click.echo(m, err=True)
        )
    except InvariantViolation as error:
        raise click.ClickException(str(error)) from error
    elapsed = time.perf_counter() - started
    attributions = report.rows.get("attributions", 0)
    click.echo(f"mode {report.mode}: loaded in {elapsed:.1f} s")
    for name, count in report.rows.items():
        click.echo(f"  {name:<20} {count:>10,}")
    for phase, seconds in report.seconds.items():
        click.echo(f"  {phase:<45} {seconds:8.2f} s")
    click.echo(f"  {attributions / elapsed:,.0f} attributions/s overall")
    if json_out:
        json_out.write_text(json.dumps({"plan": asdict(plan), **asdict(report)}, indent=2))


@bench.group()
def cluster() -> None:
    """The benchmark PostgreSQL cluster (kept apart from the test and default clusters)."""


_directory = click.option(
    "--directory", type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DIRECTORY, show_default=True,
)  # fmt: skip


@cluster.command()
@_directory
@click.option("--database", default=DATABASE, show_default=True)
def start(directory: Path, database: str) -> None:
    """Start the cluster, create and migrate the database, print its URL.

    Running it again is harmless (already running: the URL again; another --database:
    one more database). Another --directory is another cluster on its own free port.
    """
    local = bench_cluster(directory)
    local.start()
    url = local.ensure_database(database)
    migrate.upgrade(url)
    click.echo(url)


@cluster.command()
@_directory
@click.option(
    "--replica-directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(f"{DEFAULT_DIRECTORY}-replica"),
    show_default=True,
)
@click.option("--database", default=DATABASE, show_default=True)
def replica(directory: Path, replica_directory: Path, database: str) -> None:
    """Start a streaming replica of the running cluster (pg_basebackup -R), print its URL.

    For `bench run --read-url`. Running it again starts the same replica; to copy the
    primary afresh, stop the replica and remove its directory first.
    """
    from provenance.replica import create_replica, wait_for_replay

    primary = bench_cluster(directory)
    if not primary.is_running():
        raise click.ClickException(f"the cluster in {directory} is not running: start it first")
    standby = create_replica(primary, replica_directory, durable=False)
    wait_for_replay(primary.url(database), standby.url(database), timeout=600)
    click.echo(standby.url(database))


@cluster.command()
@_directory
def stop(directory: Path) -> None:
    """Stop the cluster (its data stays in the directory)."""
    bench_cluster(directory).stop()


@bench.command()
@click.option("--database-url", help="Database to serve (default: $DATABASE_URL).")
@click.option("--concurrency", "-c", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes per server: uvicorn workers for the API, a Node cluster for "
    "PostGraphile (one per core is how either is deployed).",
)
@click.option(
    "--requests",
    type=click.IntRange(min=1),
    default=400,
    show_default=True,
    help="Requests per case and target, at most.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    default=15.0,
    show_default=True,
    help="Seconds per case and target, at most.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Distinct variable sets drawn per case.",
)
@click.option(
    "--postgraphile/--no-postgraphile",
    default=True,
    show_default=True,
    help="Also measure PostGraphile (needs `npm ci` in bench/postgraphile).",
)
@click.option("--only", multiple=True, help="Measure only this case (repeatable).")
@click.option(
    "--read-url",
    "read_urls",
    multiple=True,
    help="A streaming replica of the database (repeatable): the API reads there "
    "(DATABASE_READ_URL) and so does the SQL floor; `bench cluster replica` makes one.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON report path [default: bench/results/run-<time>.json].",
)
def run(
    database_url: str | None,
    concurrency: int,
    workers: int,
    requests: int,
    time_limit: float,
    samples: int,
    postgraphile: bool,
    only: tuple[str, ...],
    read_urls: tuple[str, ...],
    out: Path | None,
) -> None:
    """Latency and throughput of every operation: API, SQL floor, PostGraphile."""
    from provenance.bench.harness import RunConfig, run_sync

    url = _database_url(database_url)
    root = project_root()
    _check_ready(url, root, postgraphile=postgraphile)
    for replica in read_urls:
        _check_ready(replica, root, postgraphile=False)
    config = RunConfig(
        database_url=url,
        root=root,
        concurrency=concurrency,
        workers=workers,
        requests=requests,
        time_limit=time_limit,
        samples=samples,
        postgraphile=postgraphile,
        only=only,
        read_urls=read_urls,
    )
    report = run_sync(config)
    click.echo(table(report))
    _write_json(report, out, "run")


@bench.command(name="import")
@click.option(
    "--database-url",
    help="A database on the server to measure (default: $DATABASE_URL); "
    "scratch databases are created beside it and dropped.",
)
@click.option("--quotations", "-n", type=click.IntRange(min=1), default=100_000, show_default=True)
@click.option(
    "--trigger-quotations",
    type=click.IntRange(min=1),
    default=1_000,
    show_default=True,
    help="Size of the load with every trigger on (slow: about 1,000 attributions/s at "
    "1,000 quotations, under 100/s at 10,000, as the tables grow during the load).",
)
@click.option(
    "--incremental",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also load this many quotations on top of the bulk load, keeping the indexes "
    "and then rebuilding them (0: skip).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
def import_rate(
    database_url: str | None,
    quotations: int,
    trigger_quotations: int,
    incremental: int,
    out: Path | None,
) -> None:
    """Attributions per second: bulk load vs raw COPY vs every trigger on."""
    from provenance.bench.corpus_import import measure_import

    report = measure_import(
        _database_url(database_url),
        quotations=quotations,
        trigger_quotations=trigger_quotations,
        incremental=incremental,
    )
    for name, value in report.items():
        if isinstance(value, dict) and "rows_per_s" in value:
            click.echo(
                f"{name:<28} {value['rows_per_s']:>10,} attributions/s "
                f"({value['rows']:,} in {value['seconds']} s)"
            )
    _write_json(report, out, "import")


@bench.command(name="export")
@click.option("--database-url", help="Database to export (default: $DATABASE_URL).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(os.devnull),
    show_default=True,
    help="Where the export goes (compare it with an earlier one with cmp).",
)
def export_rate(database_url: str | None, out: Path) -> None:
    """Attributions per second of `provenance export` (wall and per CPU second)."""
    from provenance.bench.exporting import measure_export

    result = measure_export(_database_url(database_url), out)
    count = result.count
    click.echo(
        f"Exported {count.lines:,} lines, {count.attributions:,} attributions in "
        f"{result.seconds:.2f} s ({result.order_seconds:.2f} s until the article order): "
        f"{result.rate:,.0f} attributions/s"
    )
    server = "not on this machine" if result.server_cpu is None else f"{result.server_cpu:.2f} s"
    line = f"CPU: client {result.client_cpu:.2f} s, server {server}"
    if result.cpu_rate is not None:
        line += f": {result.cpu_rate:,.0f} attributions per CPU second"
    click.echo(f"{line}; load average {result.load:.1f}")


@bench.command()
@click.option(
    "--database-url",
    "urls",
    multiple=True,
    required=True,
    help="One database per corpus size (repeatable), e.g. 10k, 100k and 1M quotations.",
)
@click.option("--concurrency", "-c", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option("--requests", type=click.IntRange(min=1), default=300, show_default=True)
@click.option("--time-limit", type=click.FloatRange(min=1), default=15.0, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
def scale(
    urls: tuple[str, ...], concurrency: int, requests: int, time_limit: float, out: Path | None
) -> None:
    """How chain traversal and search cost grow with the corpus (API and SQL floor)."""
    from provenance.bench.harness import RunConfig, run_sync

    for url in urls:
        _check_ready(url, project_root(), postgraphile=False)
    rows = []
    for url in urls:
        config = RunConfig(
            database_url=url, root=project_root(), concurrency=concurrency,
            requests=requests, time_limit=time_limit, postgraphile=False,
            only=("AttributionChain", "QuotationSearch", "QuotationChains"),
        )  # fmt: skip
        report = run_sync(config)
        size = report["database"]["quotations"]
        for name, case in report["cases"].items():
            for target, numbers in case["measured"].items():
                rows.append({"quotations": size, "case": name, "target": target, **numbers})
    click.echo(
        f"{'quotations':>10} {'case':<18} {'target':<7} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}"
    )
    for r in rows:
        click.echo(
            f"{r['quotations']:>10,} {r['case']:<18} {r['target']:<7} "
            f"{r['p50_ms']:>8} {r['p95_ms']:>8} {r['throughput_rps']:>8}"
        )
    _write_json({"rows": rows}, out, "scale")


def _check_ready(url: str, root: Path, *, postgraphile: bool) -> None:
    """Fail before measuring anything, rather than after the first phases."""
    current, head = migrate.current(url), migrate.head()
    if current != head:
        raise click.ClickException(
            f"the database is at revision {current or 'base'}, not {head}: "
            "run `provenance db upgrade` (or generate the corpus again) first"
        )
    if postgraphile and not (root / "bench" / "postgraphile" / "node_modules").exists():
        raise click.ClickException(
            "PostGraphile is not installed: run `npm ci` in bench/postgraphile, "
            "or pass --no-postgraphile"
        )
    with psycopg.connect(url) as connection:
        found = connection.execute("SELECT EXISTS (SELECT FROM attributions)").fetchone()
    if not found or not found[0]:
        raise click.ClickException(
            f"no attributions in {_where(url)}: run `provenance bench generate` into it first"
        )


def _where(url: str) -> str:
    """The database of ``url`` without its password, for messages."""
    parts = urlsplit(url)
    return f"database {parts.path.lstrip('/')} on {parts.hostname}:{parts.port}"


def _write_json(report: object, out: Path | None, kind: str) -> None:
    root = project_root()
    target = out or root / "bench" / "results" / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2, default=str))
    click.echo(f"wrote {target}")
