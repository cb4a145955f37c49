"""The bulk load: every mode yields rows the database's own triggers accept."""

from __future__ import annotations

import psycopg
import pytest

from provenance.bench.load import id_base, load_corpus
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.verify import InvariantViolation, verify

SMALL = CorpusPlan(quotations=200, seed=7, batch_size=64)


def _count(url: str, query: str) -> int:
    with psycopg.connect(url) as connection:
        found = connection.execute(query).fetchone()
    assert found is not None
    return int(found[0])


@pytest.mark.parametrize("mode", ["replica", "disable", "triggers"])
def test_every_mode_loads_the_whole_plan(empty_url: str, mode: str) -> None:
    report = load_corpus(empty_url, CorpusPlan(quotations=60, seed=3), mode=mode, vacuum=False)
    assert report.mode == mode
    assert _count(empty_url, "SELECT count(*) FROM quotations") == 60
    assert _count(empty_url, "SELECT count(*) FROM attributions") == report.rows["attributions"]
    assert report.rows["attributions"] > 60


def test_the_span_trigger_agrees_with_the_generated_prefix_and_suffix(empty_url: str) -> None:
    load_corpus(empty_url, SMALL, mode="replica", vacuum=False)
    with psycopg.connect(empty_url) as connection:
        before = connection.execute(
            "SELECT md5(string_agg(concat_ws('|', id, prefix, suffix), ',' ORDER BY id))"
            " FROM attributions"
        ).fetchone()
        # Re-running the real trigger on every row recomputes prefix and suffix.
        connection.execute("UPDATE attributions SET text = text")
        after = connection.execute(
            "SELECT md5(string_agg(concat_ws('|', id, prefix, suffix), ',' ORDER BY id))"
            " FROM attributions"
        ).fetchone()
    assert before == after


def test_a_second_load_continues_the_ids_and_the_sequences(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=30, seed=1), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        first = id_base(connection)
    load_corpus(empty_url, CorpusPlan(quotations=30, seed=1), vacuum=False)
    assert _count(empty_url, "SELECT count(*) FROM quotations") == 60
    with psycopg.connect(empty_url) as connection:
        second = id_base(connection)
        fresh = connection.execute(
            "INSERT INTO outlets (slug, name) VALUES ('after-the-load', 'After') RETURNING id"
        ).fetchone()
    assert second.attribution > first.attribution
    assert fresh is not None
    assert fresh[0] > second.outlet


def test_verify_names_a_span_that_does_not_match(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=20, seed=2), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        connection.execute("SET LOCAL session_replication_role = replica")
        connection.execute(
            "UPDATE attributions SET start_offset = start_offset + 1, end_offset = end_offset + 1"
            " WHERE id = (SELECT min(id) FROM attributions WHERE start_offset IS NOT NULL)"
        )
        with pytest.raises(InvariantViolation, match="spans match"):
            verify(connection, base=IdBase())


def test_verify_names_an_upstream_link_that_could_close_a_cycle(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=20, seed=2), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        connection.execute("SET LOCAL session_replication_role = replica")
        connection.execute(
            "UPDATE attributions r SET upstream_id = c.id FROM attributions c"
            " WHERE c.upstream_id = r.id AND r.id ="
            " (SELECT min(upstream_id) FROM attributions WHERE upstream_id IS NOT NULL)"
        )
        with pytest.raises(InvariantViolation, match="no cycle"):
            verify(connection, base=IdBase())


@pytest.mark.parametrize(
    "change",
    [
        "prefix = 'x' || prefix",
        "prefix = overlay(prefix placing '#' from 1 for 1)",
        "suffix = suffix || 'x'",
        "suffix = overlay(suffix placing '#' from char_length(suffix) for 1)",
        "text = overlay(text placing '#' from 2 for 1)",
        "end_offset = end_offset + 100000",
    ],
)
def test_verify_names_a_wrong_prefix_suffix_or_span_end(empty_url: str, change: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=20, seed=2), vacuum=False)
    with psycopg.connect(empty_url) as connection:
        connection.execute("SET LOCAL session_replication_role = replica")
        connection.execute(
            f"UPDATE attributions SET {change} WHERE id = (SELECT min(id) FROM attributions"
            " WHERE start_offset > 0 AND char_length(suffix) > 0 AND char_length(prefix) > 0)"
        )
        with pytest.raises(InvariantViolation, match="spans match"):
            verify(connection, base=IdBase())
