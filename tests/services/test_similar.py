"""The same quote elsewhere: trigram ranking on normalised text, identity-based speakers."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.models import AttributionKind
from provenance.services import records
from provenance.services.similar import SimilarQuote, similar_quotes, speakers_named
from tests.services.chains_support import attribution_id, in_session


@pytest.mark.reads_only
def test_a_half_remembered_quote_finds_its_appearances(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> list[SimilarQuote]:
        return await similar_quotes(session, text="“IS [Daesh] fighters took everything”")

    found = in_session(seeded_url, work)
    assert found, "expected candidates"
    slugs = {f.quotation_slug for f in found[:3]}
    assert slugs == {"truck-driver-took-everything"}
    assert {f.kind for f in found[:2]} == {"attribution", "quotation"}
    assert found == sorted(found, key=lambda f: -f.similarity)
    assert all(f.speaker_match is None for f in found)  # no speaker given


@pytest.mark.reads_only
def test_from_an_attribution_other_appearances_are_ranked_and_flagged(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> tuple[int, list[SimilarQuote]]:
        aid = await attribution_id(session, "pahon-disagreed-armed-men", "seed-002")
        return aid, await similar_quotes(session, attribution_id=aid)

    aid, found = in_session(seeded_url, work)
    assert aid not in {f.id for f in found if f.kind == "attribution"}
    best = found[0]
    assert best.similarity == pytest.approx(1.0)
    assert best.same_quotation
    assert best.speaker_match is True


def test_silo_is_not_cilo(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> tuple[list[int], list[int], list[SimilarQuote]]:
        cilo = await records.speaker_by_slug(session, "cilo")
        silo = await records.speaker_by_slug(session, "talal-silo")
        # Cilo said words close to Silo's: the text matches, the speaker must not.
        quotation = await records.upsert_quotation(
            session,
            slug="cilo-no-moves",
            speaker_id=cilo.id,
            text="No moves can be made without the approval of the US",
        )
        article = await records.upsert_article(
            session,
            slug="cilo-interview",
            body="Cilo said: No moves can be made without the approval of the US.",
        )
        await records.record_attribution(
            session,
            article=article,
            quotation=quotation,
            kind=AttributionKind.DIRECT,
            text="No moves can be made without the approval of the US",
            speaker_label="Cilo",
        )
        found = await similar_quotes(
            session, text="No moves can be made without the approval of the US", speaker="Silo"
        )
        return [silo.id], await speakers_named(session, label="Silo"), found

    silo_ids, named, found = in_session(seeded_url, work)
    assert named == silo_ids
    by_slug = {(f.quotation_slug, f.kind): f for f in found}
    assert by_slug[("silo-no-moves-without-us", "attribution")].speaker_match is True
    assert by_slug[("cilo-no-moves", "attribution")].speaker_match is False
    assert by_slug[("cilo-no-moves", "quotation")].speaker_match is False


@pytest.mark.reads_only
def test_roles_and_labels_with_titles_resolve_to_speakers(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> tuple[list[int], list[int], list[int], int]:
        pahon = await records.speaker_by_slug(session, "eric-pahon")
        return (
            await speakers_named(
                session, label="Eric Pahon, US Department of Defense Spokesman on Iraq and Syria"
            ),
            await speakers_named(session, label="the former  spokesman of the SDF"),
            await speakers_named(session, label="he"),
            pahon.id,
        )

    titled, role, pronoun, pahon_id = in_session(seeded_url, work)
    assert titled == [pahon_id]
    assert len(role) == 1
    assert pronoun == []


@pytest.mark.reads_only
def test_the_text_trigram_index_serves_the_normalised_probe(
    seeded_connection: psycopg.Connection,
) -> None:
    seeded_connection.execute("SET enable_seqscan = off")
    plan = "\n".join(
        r[0]
        for r in seeded_connection.execute(
            "EXPLAIN SELECT id FROM attributions "
            "WHERE text % normalise_quote('“IS [Daesh] fighters…”')"
        ).fetchall()
    )
    assert "ix_attributions_text_trgm" in plan


@pytest.mark.parametrize(
    "text",
    [
        "“We will NOT back down,” he said…",
        'He said: "it\'s over...done" (really) [sic]',
        "L\u2019État, c\u2019est moi — «non»",
        "wait...what x..y....z",
        "a`b\u2018c\u2019d\u201ae\u201bf„g‟h\u2039i\u203aj",
        "ÉCOLE   Straße\tİstanbul\nnew line",
    ],
)
@pytest.mark.reads_only
def test_text_and_normalised_text_have_the_same_trigrams(
    seeded_connection: psycopg.Connection, text: str
) -> None:
    # Why one trigram index per text is enough (migration 0008).
    row = seeded_connection.execute(
        """SELECT show_trgm(%(t)s) = show_trgm(normalise_quote(%(t)s)),
                  word_similarity('will back down he', %(t)s)
                    = word_similarity('will back down he', normalise_quote(%(t)s)),
                  similarity('c est moi non', %(t)s)
                    = similarity('c est moi non', normalise_quote(%(t)s)),
                  normalise_quote(%(t)s) <> %(t)s""",
        {"t": text},
    ).fetchone()
    assert row == (True, True, True, True)


def test_normalise_quote_strips_marks_and_brackets(seeded_connection: psycopg.Connection) -> None:
    row = seeded_connection.execute(
        "SELECT normalise_quote(%s)", ("“IS [Daesh]  fighters…” \u2018took\u2019 it...",)
    ).fetchone()
    assert row == ("is daesh fighters took it",)


@pytest.mark.reads_only
def test_bad_requests_are_refused(seeded_url: str) -> None:
    async def both(session: AsyncSession) -> list[SimilarQuote]:
        return await similar_quotes(session, text="x", attribution_id=1)

    with pytest.raises(InvalidInputError, match="either"):
        in_session(seeded_url, both)

    async def blank(session: AsyncSession) -> list[SimilarQuote]:
        await session.execute(text("SELECT 1"))
        return await similar_quotes(session, text="   ")

    with pytest.raises(InvalidInputError, match="empty"):
        in_session(seeded_url, blank)
