"""Timings of the chain queries on whatever corpus the database holds (median of repeats)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import text

from provenance.db import async_engine, session_factory
from provenance.errors import NotFoundError
from provenance.services.fidelity import fidelities
from provenance.services.outlet_relays import outlet_relays
from provenance.services.relay_graph import relay_graph, relay_graphs
from provenance.services.revisions import revise_article
from provenance.services.similar import similar_quotes

BUSIEST_QUOTATIONS = text(
    "SELECT quotation_id FROM attributions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 100"
)
SOME_ATTRIBUTIONS = text(
    "SELECT id, text FROM attributions WHERE text IS NOT NULL ORDER BY id LIMIT 500"
)
BUSIEST_ARTICLE = text(
    "SELECT a.article_id, ar.body FROM attributions a JOIN articles ar ON ar.id = a.article_id "
    "WHERE ar.body IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1"
)
LATEST_DATE = text("SELECT max(published_on) FROM articles")


async def _time(repeat: int, work: Callable[[], Awaitable[object]]) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        await work()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


async def run_chains_benchmark(url: str, *, repeat: int) -> dict[str, tuple[float, int]]:
    """Median milliseconds (and items handled) of each chain query on the database at url."""
    engine = async_engine(url, pool_size=1)
    results: dict[str, tuple[float, int]] = {}
    try:
        async with session_factory(engine)() as session:
            quotation_ids = [r[0] for r in await session.execute(BUSIEST_QUOTATIONS)]
            attributions = (await session.execute(SOME_ATTRIBUTIONS)).all()
            if not quotation_ids or not attributions:
                raise NotFoundError("the database holds no attributions to time")
            ids = [r[0] for r in attributions]
            results["relay graph, 1 quotation"] = (
                await _time(repeat, lambda: relay_graph(session, quotation_id=quotation_ids[0])),
                1,
            )
            results["relay graphs, batch"] = (
                await _time(repeat, lambda: relay_graphs(session, quotation_ids=quotation_ids)),
                len(quotation_ids),
            )
            results["fidelity, batch"] = (
                await _time(repeat, lambda: fidelities(session, attribution_ids=ids)),
                len(ids),
            )
            probe = str(attributions[len(attributions) // 2][1])
            results["similar quotes, 1 probe"] = (
                await _time(repeat, lambda: similar_quotes(session, text=probe)),
                1,
            )
            results["outlet relays, all time"] = (
                await _time(repeat, lambda: outlet_relays(session)),
                1,
            )
            latest = await session.scalar(LATEST_DATE)
            if latest is not None:
                start = latest - timedelta(days=30)
                results["outlet relays, last 30 days"] = (
                    await _time(
                        repeat,
                        lambda: outlet_relays(session, from_date=start, to_date=latest),
                    ),
                    1,
                )
            await session.rollback()
            article = (await session.execute(BUSIEST_ARTICLE)).one_or_none()
            if article is not None:
                runs = []
                for _ in range(repeat):
                    begin = time.perf_counter()
                    result = await revise_article(
                        session, article_id=article[0], body="Updated.\n\n" + article[1]
                    )
                    runs.append((time.perf_counter() - begin) * 1000)
                    await session.rollback()  # a benchmark leaves the data as it was
                results["revise article + re-anchor"] = (
                    statistics.median(runs),
                    len(result.attributions),
                )
    finally:
        await engine.dispose()
    return results
