"""Printed words and wordings: the bulk load's fill and the triggers agree, and stay current."""

from __future__ import annotations

import psycopg

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


def _wordings(connection: psycopg.Connection) -> list[tuple[int, str]]:
    rows = connection.execute(
        "SELECT quotation_id, text FROM quotation_printed_wordings ORDER BY 1, 2"
    ).fetchall()
    return [(int(qid), str(text)) for qid, text in rows]


def _recomputed_wordings(connection: psycopg.Connection) -> list[tuple[int, str]]:
    connection.execute("SELECT quotation_printed_wordings_refresh(id) FROM quotations")
    return _wordings(connection)


def test_the_bulk_fill_and_the_triggers_write_the_same_rows(
    empty_url: str, second_empty_url: str
) -> None:
    load_corpus(empty_url, PLAN, mode="replica", vacuum=False)
    load_corpus(second_empty_url, PLAN, mode="triggers", vacuum=False)
    with psycopg.connect(empty_url) as filled, psycopg.connect(second_empty_url) as triggered:
        rows = _printed_words(filled)
        assert rows, "the corpus prints insertions, so some quotations have printed words"
        assert rows == _printed_words(triggered)
        assert rows == _recomputed(filled)
        wordings = _wordings(filled)
        assert wordings, "insertions and elisions are wordings that are not runs of words"
        assert wordings == _wordings(triggered)
        assert wordings == _recomputed_wordings(filled)


def test_printed_wordings_leave_out_runs_of_the_quotations_words(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=60, seed=5), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        kept = connection.execute(
            """SELECT count(*) FILTER (WHERE w.text IS NOT NULL),
                      count(*) FILTER (WHERE w.text IS NULL)
               FROM attributions a JOIN quotations q ON q.id = a.quotation_id
               LEFT JOIN quotation_printed_wordings w
                 ON w.quotation_id = a.quotation_id AND w.text = a.text
               WHERE a.text IS NOT NULL"""
        ).fetchone()
        assert kept is not None
        stored, left_out = kept
        assert 0 < stored < left_out  # most printings are the text or a run of its words
        within = connection.execute(
            """SELECT wording_within('Of zopa', 'Country voyevo of zopa will.'),
                      wording_within('zopa will.', 'Country voyevo of zopa will.'),
                      wording_within('voyevo [sic] of zopa', 'Country voyevo of zopa will.'),
                      wording_within('voyevo … will', 'Country voyevo of zopa will.'),
                      wording_within('opa will', 'Country voyevo of zopa will.')"""
        ).fetchone()
        assert within == (True, True, False, False, False)


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


def test_edits_and_deletions_keep_the_printed_wordings_current(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=60, seed=5), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        # Two appearances of one quotation, neither printing a wording of its own yet.
        found = connection.execute(
            "SELECT a.quotation_id, array_agg(a.id ORDER BY a.id) FROM attributions a "
            "WHERE a.text IS NOT NULL AND NOT EXISTS "
            "(SELECT FROM attributions r WHERE r.upstream_id = a.id) "
            "AND a.quotation_id NOT IN (SELECT quotation_id FROM quotation_printed_wordings) "
            "GROUP BY a.quotation_id HAVING count(*) >= 2 ORDER BY 1 LIMIT 1"
        ).fetchone()
        assert found is not None
        quotation_id, (first, second, *_rest) = found

        def wordings() -> list[str]:
            rows = connection.execute(
                "SELECT text FROM quotation_printed_wordings WHERE quotation_id = %s ORDER BY 1",
                (quotation_id,),
            ).fetchall()
            return [str(row[0]) for row in rows]

        # (The span check would refuse wording that is not in the article body.)
        connection.execute("ALTER TABLE attributions DISABLE TRIGGER attributions_check_span")
        reworded = "We never said zanzibarite things."
        for attribution_id in (first, second):
            connection.execute(
                "UPDATE attributions SET text = %s WHERE id = %s", (reworded, attribution_id)
            )
        assert wordings() == [reworded]  # printed twice, kept once
        connection.execute("DELETE FROM attributions WHERE id = %s", (first,))
        assert wordings() == [reworded]  # still printed by the second
        # The quotation's text becomes that wording: no longer a wording of its own (the
        # other appearances' old wording now is one).
        connection.execute(
            "UPDATE quotations SET text = %s WHERE id = %s", (reworded, quotation_id)
        )
        assert reworded not in wordings()
        connection.execute(
            "UPDATE quotations SET text = 'Something else entirely.' WHERE id = %s",
            (quotation_id,),
        )
        assert reworded in wordings()
        connection.execute("DELETE FROM attributions WHERE id = %s", (second,))
        assert reworded not in wordings()  # gone with its last printing
        assert _wordings(connection) == _recomputed_wordings(connection)
