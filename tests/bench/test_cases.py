"""Benchmark cases: every operation is found, variables bind, answers are counted."""

from __future__ import annotations

from pathlib import Path

from provenance.bench.cases import Operation, discover

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_operation_has_a_sampler_and_a_floor() -> None:
    cases, skipped = discover(
        [ROOT / "graphql" / "operations", ROOT / "bench" / "operations"], ROOT / "bench"
    )
    assert skipped == {}
    names = {case.name for case in cases}
    assert {"AttributionChain", "QuotationSearch"} <= names
    assert all(case.floor_sql for case in cases)


def test_variables_bind_by_camel_or_snake_name_and_bigints_become_strings(tmp_path: Path) -> None:
    document = tmp_path / "Q.graphql"
    document.write_text("query Q($rowId: BigInt!, $first: Int) { x(id: $rowId, first: $first) }")
    operation = Operation.read(document)
    assert operation.variables == {"rowId": "BigInt", "first": "Int"}
    assert operation.bind({"row_id": 42, "first": 3, "other": 1}) == {"rowId": "42", "first": 3}


def test_item_counts_follow_each_targets_shape() -> None:
    cases, _ = discover([ROOT / "bench" / "operations"], ROOT / "bench")
    chain = next(case for case in cases if case.name == "AttributionChain")
    assert chain.item_count("api", {"data": {"node": {"chain": [{}, {}, {}]}}}) == 2
    assert chain.item_count("floor", {"hops": [{}, {}]}) == 2
    assert chain.item_count("postgraphile", {"data": {"other": None}}) is None


def test_floors_that_search_share_one_search_statement() -> None:
    cases, _ = discover(
        [ROOT / "graphql" / "operations", ROOT / "bench" / "operations"], ROOT / "bench"
    )
    floors = {case.name: case.floor_sql or "" for case in cases}
    search = (ROOT / "bench" / "sql" / "search.ctes.sql").read_text()
    assert "quotation_printed_wordings" in search
    for name in ("QuotationSearch", "QuotationChains"):
        assert search in floors[name]
    assert not any("-- @include" in sql for sql in floors.values())
