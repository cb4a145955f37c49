"""Secondary indexes around a bulk load: the strategy by size, built after, restored."""

from __future__ import annotations

import psycopg
import pytest

from provenance.bench.load import COLUMNS, Prepared, choose_strategy, load_corpus
from provenance.bench.plan import CorpusPlan, IdBase

PLAN = CorpusPlan(quotations=40, seed=9, batch_size=16)


def _indexes(url: str) -> list[tuple[str, str, str | None]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT indexname, indexdef, obj_description(indexname::regclass, 'pg_class')"
            " FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY(%s)"
            " ORDER BY indexname",
            (list(COLUMNS),),
        ).fetchall()
    return [(str(name), str(definition), comment) for name, definition, comment in rows]


@pytest.mark.parametrize(
    ("base", "quotations", "strategy"),
    [
        (IdBase(), 10, "after"),
        (IdBase(quotation=100, article=80, attribution=550), 100, "rebuild"),
        (IdBase(quotation=100, article=80, attribution=550), 99, "keep"),
    ],
)
def test_the_strategy_follows_the_size_of_the_load(
    base: IdBase, quotations: int, strategy: str
) -> None:
    assert choose_strategy(base, quotations) == strategy


def test_an_empty_database_gets_every_index_back_with_its_comment(empty_url: str) -> None:
    before = _indexes(empty_url)
    assert any(comment for _name, _definition, comment in before)
    report = load_corpus(empty_url, PLAN, vacuum=False, index_connections=2)
    assert report.indexes == "after"
    assert "ix_attributions_text_trgm" in report.index_seconds
    assert "uq_attributions_article_quotation_start" not in report.rebuilt_indexes
    assert _indexes(empty_url) == before


def test_a_second_load_rebuilds_or_keeps_by_size(empty_url: str) -> None:
    before = _indexes(empty_url)
    load_corpus(empty_url, PLAN, vacuum=False)
    assert load_corpus(empty_url, PLAN, vacuum=False).indexes == "rebuild"
    small = CorpusPlan(quotations=5, seed=3)
    assert load_corpus(empty_url, small, vacuum=False).indexes == "keep"
    assert _indexes(empty_url) == before


def test_an_index_lost_by_an_interrupted_load_comes_back(empty_url: str) -> None:
    with psycopg.connect(empty_url, autocommit=True) as connection:
        connection.execute("DROP INDEX ix_attributions_text_trgm")
    load_corpus(empty_url, PLAN, vacuum=False, indexes="keep")
    assert "ix_attributions_text_trgm" in {name for name, _d, _c in _indexes(empty_url)}


def test_prepared_rows_load_the_same_corpus(empty_url: str, second_empty_url: str) -> None:
    load_corpus(empty_url, PLAN, vacuum=False)
    load_corpus(second_empty_url, PLAN, vacuum=False, prepared=Prepared.generate(PLAN))
    digest = (
        "SELECT md5(string_agg(concat_ws('|', id, article_id, quotation_id, text, start_offset,"
        " prefix, suffix, upstream_id), ',' ORDER BY id)) FROM attributions"
    )
    with psycopg.connect(empty_url) as generated, psycopg.connect(second_empty_url) as prepared:
        assert generated.execute(digest).fetchone() == prepared.execute(digest).fetchone()


def test_prepared_rows_refuse_a_database_that_moved_on(empty_url: str) -> None:
    prepared = Prepared.generate(PLAN)
    load_corpus(empty_url, PLAN, vacuum=False)
    with pytest.raises(ValueError, match="prepared after"):
        load_corpus(empty_url, PLAN, vacuum=False, prepared=prepared)
