"""The seed annotations: every quoted passage anchored, speakers resolved, loading twice."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import psycopg
import pytest

from provenance.db import async_engine, session_factory
from provenance.seed_file import default_seed_file
from provenance.services.seeds import load_seeds

ARTICLES = Path(__file__).resolve().parents[2] / "seeds" / "articles"
OPENING, CLOSING = '"“', '"”'


def quoted_passages(body: str) -> list[tuple[int, str]]:
    """(start, text) of every passage between quotation marks, straight or curly, mixed."""
    passages: list[tuple[int, str]] = []
    at = 0
    while True:
        opening = re.compile(f"[{OPENING}]").search(body, at)
        if opening is None:
            return passages
        closing = re.compile(f"[{CLOSING}]").search(body, opening.end())
        if closing is None:
            return passages
        passages.append((opening.end(), body[opening.end() : closing.start()]))
        at = closing.end()


@pytest.mark.reads_only
def test_every_quoted_passage_is_an_attribution(seeded_connection: psycopg.Connection) -> None:
    total = 0
    for slug, path in [
        ("seed-000", "000_84981e09d5801d82.txt"),
        ("seed-002", "002_3b25dd24d437a149.txt"),
    ]:
        body = (ARTICLES / path).read_text()
        spans = set(
            seeded_connection.execute(
                "SELECT a.start_offset, a.text FROM attributions a "
                "JOIN articles ar ON ar.id = a.article_id WHERE ar.slug = %s",
                (slug,),
            ).fetchall()
        )
        for start, text in quoted_passages(body):
            assert (start, text) in spans, f"{slug}: {text!r} at {start} is not annotated"
            total += 1
    assert total >= 11


@pytest.mark.reads_only
def test_spans_match_the_archived_text(seeded_connection: psycopg.Connection) -> None:
    rows = seeded_connection.execute(
        "SELECT ar.body, a.start_offset, a.end_offset, a.text FROM attributions a "
        "JOIN articles ar ON ar.id = a.article_id WHERE ar.body IS NOT NULL"
    ).fetchall()
    assert len(rows) >= 29
    for body, start, end, text in rows:
        assert body[start:end] == text


@pytest.mark.reads_only
def test_silo_under_every_name_and_never_cilo(seeded_connection: psycopg.Connection) -> None:
    labels = seeded_connection.execute(
        "SELECT DISTINCT a.speaker_label FROM attributions a "
        "JOIN speakers s ON s.id = a.speaker_id "
        "WHERE s.slug = 'talal-silo' AND a.speaker_label IS NOT NULL"
    ).fetchall()
    assert {row[0] for row in labels} >= {
        "Silo",
        "he",
        "the former spokesman of the SDF",
        "The former SDF spokesperson",
    }
    cilo = seeded_connection.execute(
        "SELECT count(*) FROM attributions a JOIN speakers s ON s.id = a.speaker_id "
        "WHERE s.slug = 'cilo'"
    ).fetchone()
    assert cilo == (0,)
    assert seeded_connection.execute(
        "SELECT count(DISTINCT id) FROM speakers WHERE slug IN ('talal-silo', 'cilo')"
    ).fetchone() == (2,)


@pytest.mark.reads_only
def test_dod_spokesman_is_eric_pahon_in_both_articles(
    seeded_connection: psycopg.Connection,
) -> None:
    rows = seeded_connection.execute(
        "SELECT ar.slug, a.speaker_label FROM attributions a "
        "JOIN quotations q ON q.id = a.quotation_id JOIN speakers s ON s.id = a.speaker_id "
        "JOIN articles ar ON ar.id = a.article_id "
        "WHERE q.slug = 'pahon-confirms-deal' AND s.slug = 'eric-pahon' AND ar.body IS NOT NULL "
        "ORDER BY ar.slug"
    ).fetchall()
    assert rows == [
        ("seed-000", "Eric Pahon, US Department of Defense Spokesman on Iraq and Syria"),
        ("seed-002", "The US Department of Defense spokesman on Iraq and Syria"),
    ]


@pytest.mark.reads_only
def test_markers_of_the_seeds(seeded_connection: psycopg.Connection) -> None:
    markers = set(
        seeded_connection.execute(
            "SELECT m.kind, m.text FROM attribution_markers m WHERE m.text IS NOT NULL "
            "OR m.kind = 'truncation'"
        ).fetchall()
    )
    assert markers >= {
        ("insertion", "[Daesh]"),
        ("insertion", "[in Raqqah and Deir Ezzor]"),
        ("elision", "…"),
        ("truncation", None),
    }


def _snapshot(connection: psycopg.Connection) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        "outlets",
        "speakers",
        "speaker_aliases",
        "articles",
        "quotations",
        "attributions",
        "attribution_markers",
    ]
    return {
        table: connection.execute(f"SELECT xmin::text, * FROM {table} ORDER BY id").fetchall()
        for table in tables
    }


def test_seeding_twice_changes_nothing(
    seeded_url: str, seeded_connection: psycopg.Connection
) -> None:
    before = _snapshot(seeded_connection)
    seeded_connection.commit()

    async def seed_again() -> None:
        engine = async_engine(seeded_url)
        async with session_factory(engine)() as session, session.begin():
            await load_seeds(session, path=default_seed_file())
        await engine.dispose()

    asyncio.run(seed_again())
    # Same rows, and the same xmin: not even rewritten with equal values.
    assert _snapshot(seeded_connection) == before


@pytest.mark.reads_only
def test_the_audit_history_names_the_seed_loader(seeded_connection: psycopg.Connection) -> None:
    actors = seeded_connection.execute("SELECT DISTINCT actor FROM history").fetchall()
    assert actors == [("seed",)]
