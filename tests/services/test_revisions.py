"""Revising an article's text: old versions kept, attributions re-anchored or orphaned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.models import ReanchorMethod
from provenance.services.revisions import RevisionResult, revise_article
from tests.services.chains_support import in_session

SEED_000 = (
    Path(__file__).resolve().parents[2] / "seeds/articles/000_84981e09d5801d82.txt"
).read_text()
JET_PARAGRAPH = (
    "In a more shocking statement, the truck driver said that some of Daesh\u2019s most-wanted "
    "terrorists and all foreign fighters also left the city with the convoy which was "
    '“monitored by a US fighter jet from the air."\n\n'
)


def revise(url: str, body: str) -> RevisionResult:
    async def work(session: AsyncSession) -> RevisionResult:
        article_id = (
            await session.execute(text("SELECT id FROM articles WHERE slug = 'seed-000'"))
        ).scalar_one()
        return await revise_article(session, article_id=article_id, body=body)

    return in_session(url, work)


def state(conn: psycopg.Connection, quotation: str) -> tuple[object, ...]:
    row = conn.execute(
        """
        SELECT a.id, a.start_offset, a.end_offset, a.anchor_status, a.text, a.prefix
        FROM attributions a JOIN quotations q ON q.id = a.quotation_id
        JOIN articles ar ON ar.id = a.article_id
        WHERE q.slug = %s AND ar.slug = 'seed-000'
        """,
        (quotation,),
    ).fetchone()
    assert row is not None
    return tuple(row)


def test_moving_a_quoted_paragraph_re_anchors_it(
    seeded_url: str, seeded_connection: psycopg.Connection
) -> None:
    assert JET_PARAGRAPH in SEED_000
    moved = SEED_000.replace(JET_PARAGRAPH, "") + "\n\n" + JET_PARAGRAPH.strip()
    aid, old_start, *_ = state(seeded_connection, "truck-driver-fighter-jet")
    result = revise(seeded_url, moved)
    assert result.revision == 1
    assert result.orphaned == ()
    placed = {r.attribution_id: r for r in result.attributions}
    jet = placed[int(str(aid))]
    assert jet.method is ReanchorMethod.EXACT
    assert jet.new_start == moved.index("monitored by a US fighter jet")
    assert jet.new_start != old_start
    with psycopg.connect(seeded_url) as conn:
        _, start, end, status, words, prefix = state(conn, "truck-driver-fighter-jet")
        assert status == "anchored"
        assert moved[int(str(start)) : int(str(end))] == words
        assert str(prefix).endswith("convoy which was “")
        kept = conn.execute(
            "SELECT r.revision, r.body FROM article_revisions r JOIN articles a "
            "ON a.id = r.article_id WHERE a.slug = 'seed-000'"
        ).fetchall()
        assert kept == [(1, SEED_000)]
        logged = conn.execute("SELECT count(*) FROM attribution_reanchorings").fetchone()
        assert logged == (16,)  # every attribution of seed-000 with words


def test_deleting_a_quoted_paragraph_orphans_it_visibly(seeded_url: str) -> None:
    result = revise(seeded_url, SEED_000.replace(JET_PARAGRAPH, ""))
    orphaned = result.orphaned
    assert len(orphaned) == 2  # the foreign fighters and the fighter jet, one paragraph
    assert all(o.new_start is None for o in orphaned)
    with psycopg.connect(seeded_url) as conn:
        rows = conn.execute(
            "SELECT q.slug, a.start_offset, a.prefix IS NOT NULL FROM attributions a "
            "JOIN quotations q ON q.id = a.quotation_id WHERE a.anchor_status = 'orphaned' "
            "ORDER BY 1"
        ).fetchall()
        assert rows == [
            ("truck-driver-fighter-jet", None, True),
            ("truck-driver-foreign-fighters-left", None, True),
        ]
        overview = conn.execute(
            "SELECT orphaned FROM quotation_overview "
            "WHERE quotation_slug = 'truck-driver-fighter-jet'"
        ).fetchone()
        assert overview == (1,)


def test_a_lookalike_passage_elsewhere_is_not_taken(seeded_url: str) -> None:
    lookalike = (
        "Pilots later wrote that nothing had been monitored by a US fighter jet from the air, "
        "a claim nobody checked."
    )
    body = SEED_000.replace(JET_PARAGRAPH, "") + "\n\n" + lookalike
    result = revise(seeded_url, body)
    assert {o.new_text for o in result.orphaned} == {None}
    with psycopg.connect(seeded_url) as conn:
        assert state(conn, "truck-driver-fighter-jet")[3] == "orphaned"


def test_a_short_quote_needs_its_context(seeded_url: str) -> None:
    body = SEED_000.replace('The US confirmed reports, said it "respects"', "Nobody said much.")
    body += "\n\nThe alliance respects the ceasefire."
    result = revise(seeded_url, body)
    assert len(result.orphaned) == 1
    with psycopg.connect(seeded_url) as conn:
        assert state(conn, "us-respects")[3] == "orphaned"


def test_a_small_edit_inside_a_quote_is_followed_and_markers_move(seeded_url: str) -> None:
    edited = SEED_000.replace(
        "Despite an agreement to take only personal weapons, IS [Daesh]",
        "Despite the agreement to take only personal weapons, IS [Daesh]",
    )
    result = revise(seeded_url, edited)
    assert result.orphaned == ()
    fuzzy = [r for r in result.attributions if r.method is ReanchorMethod.FUZZY]
    assert len(fuzzy) == 1
    assert fuzzy[0].new_text is not None
    assert fuzzy[0].new_text.startswith("Despite the agreement")
    assert fuzzy[0].confidence >= 0.8
    with psycopg.connect(seeded_url) as conn:
        marker = conn.execute(
            "SELECT m.position, a.text FROM attribution_markers m "
            "JOIN attributions a ON a.id = m.attribution_id WHERE m.text = '[Daesh]'"
        ).fetchone()
        assert marker is not None
        assert marker[1][marker[0] : marker[0] + 7] == "[Daesh]"


def test_revising_twice_keeps_every_version_and_same_text_is_a_no_op(seeded_url: str) -> None:
    first = SEED_000.replace("Raqqa was the first big city", "Raqqa was the first large city")
    second = first.replace("de-facto capital", "de facto capital")
    assert revise(seeded_url, first).revision == 1
    assert revise(seeded_url, second).revision == 2
    assert revise(seeded_url, second).revision is None
    with psycopg.connect(seeded_url) as conn:
        bodies = conn.execute("SELECT body FROM article_revisions ORDER BY revision").fetchall()
        assert bodies == [(SEED_000,), (first,)]


def test_a_citation_only_article_cannot_be_revised(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> RevisionResult:
        article_id = (
            await session.execute(text("SELECT id FROM articles WHERE slug = 'bbc-2017-11-13'"))
        ).scalar_one()
        return await revise_article(session, article_id=article_id, body="text")

    with pytest.raises(InvalidInputError, match="citation-only"):
        in_session(seeded_url, work)


def test_the_database_still_refuses_a_silently_stale_span(seeded_url: str) -> None:
    with psycopg.connect(seeded_url) as conn:
        conn.execute("UPDATE articles SET body = 'nothing left' WHERE slug = 'seed-000'")
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.commit()  # the span check is deferred to commit


def test_an_orphan_cannot_keep_a_span(seeded_connection: psycopg.Connection) -> None:
    aid = state(seeded_connection, "us-respects")[0]
    with pytest.raises(psycopg.errors.CheckViolation):
        seeded_connection.execute(
            "UPDATE attributions SET anchor_status = 'orphaned' WHERE id = %s", (aid,)
        )


def test_two_appearances_of_one_quotation_can_both_be_orphaned(seeded_url: str) -> None:
    from provenance.models import AttributionKind
    from provenance.services import records

    body = 'He said "we will win" at dawn. Later: "we will win," he repeated to the crowd.'

    async def setup(session: AsyncSession) -> int:
        speaker = await records.speaker_by_slug(session, "talal-silo")
        quotation = await records.upsert_quotation(
            session, slug="silo-we-will-win", speaker_id=speaker.id, text="we will win"
        )
        article = await records.upsert_article(session, slug="twice", body=body)
        for start in (body.index("we will win"), body.rindex("we will win")):
            await records.record_attribution(
                session,
                article=article,
                quotation=quotation,
                kind=AttributionKind.DIRECT,
                text="we will win",
                start=start,
            )
        return article.id

    article_id = in_session(seeded_url, setup)

    async def work(session: AsyncSession) -> RevisionResult:
        return await revise_article(
            session, article_id=article_id, body="The speech was cancelled."
        )

    result = in_session(seeded_url, work)
    assert len(result.orphaned) == 2


def test_recording_a_new_body_through_the_write_path_keeps_the_old_one(seeded_url: str) -> None:
    from provenance.services import records

    edited = SEED_000.replace("Raqqa was the first big city", "Raqqa was the first large city")

    async def work(session: AsyncSession) -> None:
        await records.upsert_article(
            session, slug="seed-000", published_on=date(2017, 11, 14), body=edited
        )

    in_session(seeded_url, work)
    with psycopg.connect(seeded_url) as conn:
        assert conn.execute("SELECT body FROM article_revisions").fetchall() == [(SEED_000,)]
        assert conn.execute(
            "SELECT count(*) FROM attribution_reanchorings WHERE method = 'exact'"
        ).fetchone() == (16,)


def test_an_appearance_may_move_to_where_another_of_its_quotation_stood(seeded_url: str) -> None:
    from provenance.models import AttributionKind
    from provenance.services import records

    body = 'He said "we will win" at dawn. Later: "we will win," he repeated to the crowd.'
    first, second = body.index("we will win"), body.rindex("we will win")

    async def setup(session: AsyncSession) -> int:
        speaker = await records.speaker_by_slug(session, "talal-silo")
        quotation = await records.upsert_quotation(
            session, slug="silo-we-will-win", speaker_id=speaker.id, text="we will win"
        )
        article = await records.upsert_article(session, slug="twice", body=body)
        for start in (first, second):
            await records.record_attribution(
                session,
                article=article,
                quotation=quotation,
                kind=AttributionKind.DIRECT,
                text="we will win",
                start=start,
            )
        return article.id

    article_id = in_session(seeded_url, setup)
    # A lead exactly as long as the gap: the first appearance lands on the second's old place.
    lead = "x" * (second - first - 1) + "\n"

    async def work(session: AsyncSession) -> RevisionResult:
        return await revise_article(session, article_id=article_id, body=lead + body)

    result = in_session(seeded_url, work)
    assert result.orphaned == ()
    assert sorted(r.new_start or -1 for r in result.attributions) == [second, second + len(lead)]
