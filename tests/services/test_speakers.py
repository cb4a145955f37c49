"""Creating, naming, merging and unmerging speakers, against the seeded database."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import AlreadyExistsError, ConflictError, InvalidInputError
from provenance.models import AliasKind, SpeakerKind
from provenance.services import speakers
from tests.services.writing_support import run_write

SNAPSHOT_TABLES = ("speakers", "speaker_aliases", "quotations", "attributions")


def snapshot(url: str) -> dict[str, list[Any]]:
    with psycopg.connect(url) as conn:
        return {
            table: conn.execute(f"SELECT to_jsonb(t) FROM {table} t ORDER BY id").fetchall()
            for table in SNAPSHOT_TABLES
        }


def speaker_of(url: str, quotation_slug: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT s.slug FROM quotations q JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.slug = %s",
            (quotation_slug,),
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_create_speaker_is_idempotent_and_refuses_a_different_one(empty_url: str) -> None:
    async def create(session: AsyncSession) -> int:
        speaker = await speakers.create_speaker(
            session,
            slug="ada-lovelace",
            name="Ada Lovelace",
            kind=SpeakerKind.PERSON,
            aliases=[("Lovelace", AliasKind.NAME)],
        )
        return speaker.id

    first = run_write(empty_url, create)
    assert run_write(empty_url, create) == first

    async def clash(session: AsyncSession) -> None:
        await speakers.create_speaker(
            session, slug="ada-lovelace", name="Ada Byron", kind=SpeakerKind.PERSON
        )

    with pytest.raises(AlreadyExistsError) as caught:
        run_write(empty_url, clash)
    assert caught.value.field == "slug"


def test_add_alias_records_who_added_it(seeded_url: str) -> None:
    async def add(session: AsyncSession) -> int:
        alias = await speakers.add_speaker_alias(
            session, speaker_slug="eric-pahon", alias="Pahon", kind=AliasKind.NAME
        )
        return alias.id

    alias_id = run_write(seeded_url, add, actor="desk-editor")
    assert run_write(seeded_url, add) == alias_id
    with psycopg.connect(seeded_url) as conn:
        rows = conn.execute(
            "SELECT actor, operation, after->>'alias' FROM history "
            "WHERE table_name = 'speaker_aliases' AND row_id = %s",
            (alias_id,),
        ).fetchall()
    assert rows == [("desk-editor", "INSERT", "Pahon")]


def test_merge_moves_everything_and_undo_restores_it_exactly(seeded_url: str) -> None:
    before = snapshot(seeded_url)
    with psycopg.connect(seeded_url) as conn:
        moved_quotations = [
            q
            for (q,) in conn.execute(
                "SELECT q.slug FROM quotations q JOIN speakers s ON s.id = q.speaker_id "
                "WHERE s.slug = 'sources-from-raqqa'"
            )
        ]
    assert moved_quotations

    async def merge(session: AsyncSession) -> int:
        done = await speakers.merge_speakers(
            session,
            survivor_slug="truck-driver",
            absorbed_slug="sources-from-raqqa",
            actor="editor",
        )
        return done.id

    merge_id = run_write(seeded_url, merge, actor="editor")
    assert speaker_of(seeded_url, moved_quotations[0]) == "truck-driver"
    with psycopg.connect(seeded_url) as conn:
        assert conn.execute(
            "SELECT count(*) FROM speakers WHERE slug = 'sources-from-raqqa'"
        ).fetchone() == (0,)
        aliases = {
            a
            for (a,) in conn.execute(
                "SELECT alias FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
                "WHERE s.slug = 'truck-driver'"
            )
        }
    assert {"the sources from Raqqa", "Sources from Raqqa"} <= aliases

    async def undo(session: AsyncSession) -> None:
        await speakers.undo_merge(session, merge_id=merge_id, actor="editor")

    run_write(seeded_url, undo)
    assert snapshot(seeded_url) == before
    with pytest.raises(InvalidInputError):
        run_write(seeded_url, undo)


def test_undo_refuses_when_the_rows_changed_since(seeded_url: str) -> None:
    async def merge(session: AsyncSession) -> int:
        done = await speakers.merge_speakers(
            session,
            survivor_slug="truck-driver",
            absorbed_slug="sources-from-raqqa",
            actor="editor",
        )
        return done.id

    merge_id = run_write(seeded_url, merge)
    with psycopg.connect(seeded_url) as conn:
        conn.execute(
            "UPDATE quotations SET speaker_id = "
            "(SELECT id FROM speakers WHERE slug = 'eric-pahon') "
            "WHERE slug = 'raqqa-sources-two-conditions'"
        )

    async def undo(session: AsyncSession) -> None:
        await speakers.undo_merge(session, merge_id=merge_id, actor="editor")

    with pytest.raises(ConflictError, match="changed since"):
        run_write(seeded_url, undo)
    # Nothing of the undo happened: the speaker merged away is still gone.
    assert speaker_of(seeded_url, "raqqa-sources-two-conditions") == "eric-pahon"
    with psycopg.connect(seeded_url) as conn:
        gone = conn.execute("SELECT count(*) FROM speakers WHERE slug = 'sources-from-raqqa'")
        assert gone.fetchone() == (0,)


@pytest.mark.reads_only
def test_a_speaker_cannot_absorb_itself(seeded_url: str) -> None:
    async def merge(session: AsyncSession) -> None:
        await speakers.merge_speakers(
            session, survivor_slug="cilo", absorbed_slug="cilo", actor="editor"
        )

    with pytest.raises(InvalidInputError, match="itself"):
        run_write(seeded_url, merge)
