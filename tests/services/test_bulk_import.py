"""Bulk import (COPY, set-wise checks, merge): the same results as the line-by-line one."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import psycopg
import pytest

from provenance.bench.jsonl_import import generate
from provenance.db import async_engine, session_factory
from provenance.errors import InvalidInputError
from provenance.services.bulk_import import bulk_import_lines
from provenance.services.importing import ImportReport
from provenance.services.jsonl_format import _check_line, _check_values, format_line
from tests.services.writing_support import export_text, import_text


def bulk_import(
    url: str,
    data: str,
    *,
    chunk_bytes: int = 4096,
    resume: bool = False,
    parse_process: bool | None = None,
) -> ImportReport:
    async def go() -> ImportReport:
        engine = async_engine(url, pool_size=1)
        try:
            return await bulk_import_lines(
                url,
                session_factory(engine),
                data.encode().splitlines(keepends=True),
                actor="tester",
                chunk_bytes=chunk_bytes,
                resume=resume,
                parse_process=parse_process,
            )
        finally:
            await engine.dispose()

    return asyncio.run(go())


def count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def generated_text(articles: int = 30) -> str:
    return "".join(format_line(line) + "\n" for line in generate(articles=articles, per_article=6))


def test_bulk_and_line_by_line_give_the_same_export(
    seeded_url: str, empty_url: str, second_empty_url: str
) -> None:
    data = export_text(seeded_url) + generated_text()
    report = bulk_import(empty_url, data)
    assert report.problems == []
    assert report.loaded == len(data.splitlines())
    by_line = import_text(second_empty_url, data)
    assert report.attributions == by_line.attributions
    assert export_text(empty_url) == export_text(second_empty_url)


def test_parsing_in_a_worker_process_gives_the_same_database(
    seeded_url: str, empty_url: str, second_empty_url: str
) -> None:
    data = export_text(seeded_url) + generated_text()
    in_thread = bulk_import(empty_url, data, parse_process=False)
    in_process = bulk_import(second_empty_url, data, parse_process=True)
    assert in_process == in_thread
    assert in_process.problems == []
    assert export_text(second_empty_url) == export_text(empty_url)
    history = "SELECT table_name, operation, count(*) FROM history GROUP BY 1, 2 ORDER BY 1, 2"
    assert rows(second_empty_url, history) == rows(empty_url, history)


@pytest.mark.parametrize(
    "raw",
    [
        '{"a": "\\u0000"}',
        '{"a": "\\uD800 x"}',
        '{"a": ["\\udfff"]}',
        '{"a": "\\u00e9 \\\\u0000"}',
        '{"a": "plain"}',
        "[" * 16 + "1" + "]" * 16,
        "[" * 17 + "1" + "]" * 17,
        '{"a": [' + ", ".join(["{}"] * 30) + "]}",
        '{"a": "\\u0000", "b": ' + "[" * 20 + "1" + "]" * 20 + "}",
    ],
)
def test_the_quick_value_check_refuses_what_the_full_one_refuses(raw: str) -> None:
    data = json.loads(raw)

    def outcome(check: Callable[[], None]) -> str | None:
        try:
            check()
        except InvalidInputError as error:
            return str(error)
        return None

    assert outcome(lambda: _check_line(raw, data)) == outcome(lambda: _check_values(data))


def test_a_second_bulk_import_adds_nothing(seeded_url: str, empty_url: str) -> None:
    data = export_text(seeded_url) + generated_text()
    bulk_import(empty_url, data)
    export = export_text(empty_url)
    history = count(empty_url, "SELECT count(*) FROM history")
    again = bulk_import(empty_url, data)
    assert again.problems == []
    assert count(empty_url, "SELECT count(*) FROM history") == history
    assert export_text(empty_url) == export


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


PRINTED = (
    "SELECT q.slug, w.words::text FROM quotation_printed_words w "
    "JOIN quotations q ON q.id = w.quotation_id ORDER BY 1",
    "SELECT q.slug, w.text FROM quotation_printed_wordings w "
    "JOIN quotations q ON q.id = w.quotation_id ORDER BY 1, 2",
)


def test_history_records_every_row_the_bulk_import_inserted(
    seeded_url: str, empty_url: str, second_empty_url: str
) -> None:
    data = export_text(seeded_url) + generated_text()
    bulk_import(empty_url, data)
    for table in ("outlets", "speakers", "quotations", "articles", "attributions"):
        inserted = count(empty_url, f"SELECT count(*) FROM {table}")
        logged = count(
            empty_url,
            f"SELECT count(DISTINCT row_id) FROM history WHERE table_name = '{table}' "
            "AND operation = 'INSERT' AND actor = 'tester'",
        )
        assert logged == inserted, table
    # The printed words and wordings the triggers keep are the same as line by line.
    import_text(second_empty_url, data)
    for query in PRINTED:
        assert rows(empty_url, query) == rows(second_empty_url, query)


def test_bad_lines_are_named_as_line_by_line_and_the_others_load(
    seeded_url: str, empty_url: str, second_empty_url: str
) -> None:
    lines = (export_text(seeded_url) + generated_text(12)).splitlines()
    article = json.loads(lines[-1])
    article["attributions"][0]["text"] = "words the article never printed"
    unknown = json.loads(lines[-2])
    unknown["attributions"][0]["quotation"] = "nobody-said-this"
    middle = len(lines) // 2
    broken = [
        *lines[:middle],
        '{"type": "outlet", "slug": "half',
        *lines[middle:-2],
        json.dumps(unknown),
        json.dumps(article),
        '{"type": "speaker", "slug": "x", "name": "X", "kind": "alien"}',
    ]
    data = "\n".join(broken) + "\n"
    bulk = bulk_import(empty_url, data)
    numbers = [p.line_number for p in bulk.problems]
    assert numbers == [middle + 1, len(lines), len(lines) + 1, len(lines) + 2]
    assert "nobody-said-this" in bulk.problems[1].message
    assert "does not read" in bulk.problems[2].message
    # The same file line by line, into a database of its own: the same problems and rows.
    by_line = import_text(second_empty_url, data)
    assert bulk.problems == by_line.problems
    assert bulk.loaded == by_line.loaded == len(broken) - 4
    assert export_text(empty_url) == export_text(second_empty_url)
