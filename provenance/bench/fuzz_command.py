"""`provenance bench fuzz`: generated and malformed requests against a running API."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

import click
import httpx

from provenance.bench.fuzz import generate, requests, send
from provenance.bench.process import rss_bytes, serving_pids


def _checked_out(client: httpx.Client) -> object:
    try:
        return client.get("/healthz").json().get("pool", {}).get("checked_out")
    except (httpx.HTTPError, ValueError):
        return "unknown (/healthz did not answer)"


@click.command()
@click.option("--count", "-n", type=click.IntRange(min=1), default=10_000, show_default=True)
@click.option("--url", default="http://127.0.0.1:8000", show_default=True, help="The API.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same requests.")
@click.option("--token", help="A write token: generated mutations then run instead of 403.")
def fuzz(count: int, url: str, seed: int, token: str | None) -> None:
    """Send COUNT generated queries (hypothesis-graphql over graphql/schema.graphql), many
    with malformed ids, cursors, huge integers, NUL and lone surrogates, and some malformed
    bodies; print the 5xx, the answers over 1 s, the pool and the server's memory.

    Target: 0 5xx (INTERNAL_SERVER_ERROR counted as one), 0 slow, 0 checked out, flat RSS.
    """
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    started = time.perf_counter()
    bodies = requests(generate(count, seed=seed), seed=seed)
    click.echo(f"generated {len(bodies)} requests in {time.perf_counter() - started:.0f} s")
    port = urlsplit(url).port or 80
    pids = serving_pids(port)
    with httpx.Client(base_url=url, timeout=60) as client:
        rss_before = rss_bytes(pids)
        started = time.perf_counter()
        outcome = send(client, bodies, token=token)
        seconds = time.perf_counter() - started
        checked_out = _checked_out(client)
    rss_after = rss_bytes(pids)
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(outcome.statuses.items()))
    click.echo(f"sent {outcome.sent} in {seconds:.0f} s ({outcome.sent / seconds:.0f}/s)")
    click.echo(f"statuses            {statuses}")
    click.echo(f"5xx or INTERNAL     {outcome.server_errors}")
    click.echo(f"over 1 s            {outcome.slow} (slowest {outcome.slowest * 1000:.0f} ms)")
    click.echo(f"pool checked out    {checked_out} (after)")
    if pids:
        click.echo(
            f"RSS                 {rss_before / 1e6:.0f} MB before, {rss_after / 1e6:.0f} MB "
            f"after (pids {', '.join(map(str, pids))})"
        )
    else:
        click.echo(f"RSS                 unknown: no local process listens on port {port}")
    codes = ", ".join(f"{code} {n}" for code, n in outcome.codes.most_common())
    click.echo(f"error codes         {codes}")
    for seconds, body in outcome.slowest_requests:
        click.echo(f"slow: {seconds * 1000:.0f} ms {body!r}")
    for fault in outcome.faults:
        click.echo(f"fault: {fault}", err=True)
    if outcome.server_errors:
        raise SystemExit(1)
