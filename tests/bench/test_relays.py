"""The synthetic corpus: heavy-tailed relays, deep chains, citation-only upstreams."""

from __future__ import annotations

import random

import psycopg

from provenance.bench.cast import make_cast
from provenance.bench.load import load_corpus
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.relays import Counters, make_batch

PLAN = CorpusPlan(quotations=200, seed=11, batch_size=50)


def _rows(plan: CorpusPlan) -> list[str]:
    rng = random.Random(plan.seed)
    cast = make_cast(plan, IdBase(), rng)
    counters = Counters.after(IdBase())
    rows = cast.outlet_rows + cast.speaker_rows + cast.alias_rows
    for first in range(0, plan.quotations, plan.batch_size):
        batch = make_batch(plan, IdBase(), cast, counters, rng, first, first + plan.batch_size)
        rows += batch.quotations + batch.articles + batch.attributions + batch.markers
    return rows


def test_the_same_seed_gives_the_same_rows() -> None:
    assert _rows(PLAN) == _rows(PLAN)
    assert _rows(PLAN) != _rows(CorpusPlan(quotations=200, seed=12, batch_size=50))


def test_the_corpus_is_heavy_tailed_with_deep_chains(empty_url: str) -> None:
    load_corpus(empty_url, PLAN, vacuum=False)
    with psycopg.connect(empty_url) as connection:
        shape = connection.execute(
            """SELECT count(*) FILTER (WHERE n = 1)::float / count(*), max(n)
               FROM (SELECT count(*) AS n FROM attributions GROUP BY quotation_id) s"""
        ).fetchone()
        depth = connection.execute(
            """WITH RECURSIVE hop(id, depth) AS (
                   SELECT id, 0 FROM attributions WHERE upstream_id IS NULL
                   UNION ALL
                   SELECT a.id, hop.depth + 1
                   FROM attributions a JOIN hop ON a.upstream_id = hop.id)
               SELECT max(depth) FROM hop"""
        ).fetchone()
        cited = connection.execute(
            """SELECT count(*), count(*) FILTER (WHERE a.start_offset IS NULL AND a.text IS NULL)
               FROM articles r JOIN attributions a ON a.article_id = r.id
               WHERE r.body IS NULL AND r.cited_as IS NOT NULL"""
        ).fetchone()
        cast = connection.execute(
            "SELECT (SELECT count(*) FROM outlets), (SELECT count(*) FROM speakers),"
            " (SELECT count(*) FROM speaker_aliases), (SELECT count(*) FROM attribution_markers)"
        ).fetchone()
    assert shape is not None
    assert depth is not None
    assert cited is not None
    assert cast is not None
    once, most = shape
    assert once > 0.4  # most quotations appear once ...
    assert most >= 200  # ... and a few are relayed hundreds of times
    assert depth[0] >= 6
    assert cited[0] > 0
    assert cited[0] == cited[1]  # citation-only articles carry no text and no span
    assert cast[0] >= 10
    assert cast[1] >= 20
    assert cast[2] > 0
    assert cast[3] > 0
