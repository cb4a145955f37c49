"""Relay graphs of the seed quotations: nodes, edges, lags, depth, first appearance."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.services.relay_graph import RelayGraph, relay_graph, relay_graphs
from tests.services.chains_support import in_session, quotation_id


@pytest.mark.reads_only
def test_truck_driver_fighter_jet_goes_from_the_bbc_to_seed_000(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> RelayGraph:
        return await relay_graph(
            session, quotation_id=await quotation_id(session, "truck-driver-fighter-jet")
        )

    graph = in_session(seeded_url, work)
    by_article = {n.article_slug: n for n in graph.nodes}
    assert set(by_article) == {"bbc-2017-11-13", "seed-000"}
    bbc, seed = by_article["bbc-2017-11-13"], by_article["seed-000"]
    assert (bbc.depth, seed.depth) == (0, 1)
    assert bbc.outlet_name == "BBC"
    assert bbc.citation_only
    assert seed.upstream_id == bbc.attribution_id
    assert seed.lag_days == 1  # 2017-11-13 -> 2017-11-14
    assert [(e.upstream_id, e.attribution_id, e.lag_days) for e in graph.edges] == [
        (bbc.attribution_id, seed.attribution_id, 1)
    ]
    assert graph.first_appearance == bbc
    assert graph.max_depth == 1
    assert graph.first_appearance is not None
    assert graph.first_appearance.published_on == date(2017, 11, 13)


@pytest.mark.reads_only
def test_batch_returns_every_quotation_even_without_appearances(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> dict[int, RelayGraph]:
        ids = [
            await quotation_id(session, "pahon-confirms-deal"),
            await quotation_id(session, "us-respects"),
        ]
        return await relay_graphs(session, quotation_ids=[*ids, 10**9])

    graphs = in_session(seeded_url, work)
    assert len(graphs) == 3
    empty = [g for g in graphs.values() if not g.nodes]
    assert len(empty) == 1
    assert empty[0].first_appearance is None
    pahon = max(graphs.values(), key=lambda g: len(g.nodes))
    # Anadolu's citation-only report, then seed-000 and seed-002 both relaying it.
    assert sorted(n.article_slug for n in pahon.nodes) == [
        "anadolu-agency-pahon-statement",
        "seed-000",
        "seed-002",
    ]
    first = pahon.first_appearance
    assert first is not None
    assert first.article_slug == "anadolu-agency-pahon-statement"
    assert first.published_on is None  # undated, yet first: the others were taken from it
    assert all(n.lag_days is None for n in pahon.nodes)  # the upstream is undated


@pytest.mark.reads_only
def test_depth_cap_leaves_deeper_appearances_unreachable(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> RelayGraph:
        return await relay_graph(
            session,
            quotation_id=await quotation_id(session, "truck-driver-fighter-jet"),
            max_depth=0,
        )

    graph = in_session(seeded_url, work)
    assert [n.article_slug for n in graph.unreachable] == ["seed-000"]
    assert graph.max_depth == 0


@pytest.mark.reads_only
def test_negative_depth_is_refused(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> RelayGraph:
        return await relay_graph(session, quotation_id=1, max_depth=-1)

    with pytest.raises(InvalidInputError, match="max_depth"):
        in_session(seeded_url, work)


@pytest.mark.reads_only
def test_traversal_is_one_statement_using_the_upstream_index(
    seeded_connection: psycopg.Connection,
) -> None:
    from provenance.services.relay_graph import RELAY_GRAPH_SQL

    sql = (
        str(RELAY_GRAPH_SQL).replace(":quotation_ids", "%(ids)s").replace(":max_depth", "%(depth)s")
    )
    seeded_connection.execute("SET enable_seqscan = off")  # the seeds are tiny
    plan = "\n".join(
        row[0]
        for row in seeded_connection.execute(
            "EXPLAIN " + sql, {"ids": [1, 2, 3], "depth": 64}
        ).fetchall()
    )
    assert "ix_attributions_upstream_id" in plan
    assert "ix_attributions_quotation_id" in plan


def test_a_cycle_forced_past_the_trigger_still_ends(
    seeded_url: str, seeded_connection: psycopg.Connection
) -> None:
    # The database refuses cycles; force one anyway (as superuser, trigger off) to prove
    # the traversal's own guard: the walk ends and the looped appearances show unreachable.
    ids = [
        row[0]
        for row in seeded_connection.execute(
            "SELECT a.id FROM attributions a JOIN quotations q ON q.id = a.quotation_id "
            "WHERE q.slug = 'pahon-confirms-deal' ORDER BY a.id"
        ).fetchall()
    ]
    seeded_connection.execute(
        "ALTER TABLE attributions DISABLE TRIGGER attributions_check_no_cycle"
    )
    seeded_connection.execute(
        "UPDATE attributions SET upstream_id = %s WHERE id = %s", (ids[2], ids[0])
    )
    seeded_connection.execute(
        "UPDATE attributions SET upstream_id = %s WHERE id = %s", (ids[0], ids[2])
    )
    seeded_connection.commit()

    async def work(session: AsyncSession) -> RelayGraph:
        return await relay_graph(
            session, quotation_id=await quotation_id(session, "pahon-confirms-deal")
        )

    graph = in_session(seeded_url, work)
    assert len(graph.nodes) == 3
    assert {n.depth for n in graph.nodes} == {None}  # no first report left: all unreachable
    assert graph.first_appearance is not None  # falls back to the earliest of all
