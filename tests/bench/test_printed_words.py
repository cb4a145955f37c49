"""Printed words: the bulk load's set-based fill and the triggers agree, and stay current."""

from __future__ import annotations

import psycopg

from provenance import migrate
from provenance.bench.load import load_corpus
from provenance.bench.plan import CorpusPlan

PLAN = CorpusPlan(quotations=300, seed=11, batch_size=64)


def _printed_words(connection: psycopg.Connection) -> list[tuple[int, str]]:
    rows = connection.execute(
        "SELECT quotation_id, words::text FROM quotation_printed_words ORDER BY 1"
    ).fetchall()
    return [(int(qid), str(words)) for qid, words in rows]


def _recomputed(connection: psycopg.Connection) -> list[tuple[int, str]]:
    """Every quotation's row as the refresh function computes it from scratch."""
    connection.execute("SELECT quotation_printed_words_refresh(id) FROM quotations")
    return _printed_words(connection)


def test_the_bulk_fill_and_the_triggers_write_the_same_rows(empty_url: str, bare_url: str) -> None:
    migrate.upgrade(bare_url)
    load_corpus(empty_url, PLAN, mode="replica", vacuum=False)
    load_corpus(bare_url, PLAN, mode="triggers", vacuum=False)
    with psycopg.connect(empty_url) as filled, psycopg.connect(bare_url) as triggered:
        rows = _printed_words(filled)
        assert rows, "the corpus prints insertions, so some quotations have printed words"
        assert rows == _printed_words(triggered)
        assert rows == _recomputed(filled)


def test_edits_and_deletions_keep_the_printed_words_current(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=60, seed=5), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        found = connection.execute(
            "SELECT a.id, a.quotation_id FROM attributions a "
            "WHERE a.quotation_id NOT IN (SELECT quotation_id FROM quotation_printed_words) "
            "AND NOT EXISTS (SELECT FROM attributions r WHERE r.upstream_id = a.id) "
            "AND a.text IS NOT NULL ORDER BY a.id LIMIT 1"
        ).fetchone()
        assert found is not None
        attribution_id, quotation_id = found
        # A printing that adds a word gives the quotation a row ...
        # (The span check would refuse wording that is not in the article body.)
        connection.execute("ALTER TABLE attributions DISABLE TRIGGER attributions_check_span")
        connection.execute(
            "UPDATE attributions SET text = text || ' zanzibarite' WHERE id = %s",
            (attribution_id,),
        )
        words = connection.execute(
            "SELECT words::text FROM quotation_printed_words WHERE quotation_id = %s",
            (quotation_id,),
        ).fetchone()
        assert words is not None
        assert "'zanzibarit'" in words[0]
        # ... that goes away with that printing.
        connection.execute("DELETE FROM attributions WHERE id = %s", (attribution_id,))
        gone = connection.execute(
            "SELECT 1 FROM quotation_printed_words WHERE quotation_id = %s", (quotation_id,)
        ).fetchone()
        assert gone is None
        assert _printed_words(connection) == _recomputed(connection)
