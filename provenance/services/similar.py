"""The same quote elsewhere: rank attributions and quotations by trigram similarity.

The results are candidate links for a person to confirm, never links made automatically.
Speakers are matched only through recorded identity (the speaker row, its aliases and role
descriptions), never by how alike two names look: "Silo" is not "Cilo".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import BigInteger

from provenance.errors import InvalidInputError, NotFoundError

# Both thresholds feed pg_trgm's index-backed operators: % (whole text alike) and <% (the
# probe found inside a longer text). Fragments need at least pg_trgm's default word
# threshold, or short common words would match nearly everything.
FRAGMENT_THRESHOLD = 0.6
SET_THRESHOLDS_SQL = text(
    "SELECT set_config('pg_trgm.similarity_threshold', :threshold, true), "
    "set_config('pg_trgm.word_similarity_threshold', :fragment_threshold, true)"
)

# Two index scans joined by UNION, so each recheck computes only its own operator. The probe
# is normalised like normalised_text; pg_trgm already ignores case and every character
# normalise_quote removes, so text's trigrams (and its index) are those of normalised_text.
SIMILAR_SQL = text(
    """
    WITH probe AS (SELECT normalise_quote(:text) AS t),
    attribution_hits AS (
        SELECT a.id FROM attributions a, probe p WHERE a.text % p.t
        UNION
        SELECT a.id FROM attributions a, probe p WHERE p.t <% a.text
    ),
    quotation_hits AS (
        SELECT q.id FROM quotations q, probe p WHERE q.text % p.t
        UNION
        SELECT q.id FROM quotations q, probe p WHERE p.t <% q.text
    )
    SELECT * FROM (
        SELECT 'attribution' AS kind, a.id, a.quotation_id, q.slug AS quotation_slug, a.text,
               a.speaker_id, s.name AS speaker_name, ar.slug AS article_slug,
               greatest(similarity(a.text, p.t),
                        word_similarity(p.t, a.text)) AS score
        FROM attribution_hits h
        JOIN attributions a ON a.id = h.id
        CROSS JOIN probe p
        JOIN quotations q ON q.id = a.quotation_id
        JOIN speakers s ON s.id = a.speaker_id
        JOIN articles ar ON ar.id = a.article_id
        WHERE a.id IS DISTINCT FROM :exclude_id
        UNION ALL
        SELECT 'quotation', q.id, q.id, q.slug, q.text, q.speaker_id, s.name, NULL,
               greatest(similarity(q.text, p.t),
                        word_similarity(p.t, q.text))
        FROM quotation_hits h
        JOIN quotations q ON q.id = h.id
        CROSS JOIN probe p
        JOIN speakers s ON s.id = q.speaker_id
    ) found
    ORDER BY score DESC, kind, id
    LIMIT :limit
    """
)

SOURCE_SQL = text(
    """
    SELECT a.text, a.quotation_id, a.speaker_id, a.speaker_label, q.speaker_id AS said_by
    FROM attributions a JOIN quotations q ON q.id = a.quotation_id WHERE a.id = :id
    """
)

# Exact, case-insensitive matches of a name or role description: no fuzzy matching of names.
SPEAKERS_NAMED_SQL = text(
    """
    SELECT DISTINCT s.id
    FROM speakers s
    LEFT JOIN speaker_aliases sa ON sa.speaker_id = s.id
    WHERE lower(btrim(s.name)) = ANY(:labels) OR lower(btrim(sa.alias)) = ANY(:labels)
    ORDER BY s.id
    """
)


@dataclass(frozen=True)
class SimilarQuote:
    """A candidate: another appearance or quotation whose words resemble the probe."""

    kind: str  # "attribution" or "quotation"
    id: int
    quotation_id: int
    quotation_slug: str
    text: str
    speaker_id: int
    speaker_name: str
    article_slug: str | None
    similarity: float
    same_quotation: bool  # already linked to the probe's quotation
    speaker_match: bool | None  # same recorded speaker; None when the probe's is unknown


def _labels(label: str) -> list[str]:
    """The label and its comma-separated parts ("Eric Pahon, US ... spokesman"), lowercased."""
    parts = [label, *label.split(",")]
    return sorted({" ".join(p.split()).lower() for p in parts if p.strip()})


async def speakers_named(session: AsyncSession, *, label: str) -> list[int]:
    """Ids of speakers whose name or an alias (name or role) is exactly ``label``."""
    labels = _labels(label)
    if not labels:
        return []
    result = await session.execute(SPEAKERS_NAMED_SQL, {"labels": labels})
    return [int(row[0]) for row in result]


async def similar_quotes(
    session: AsyncSession,
    *,
    text: str | None = None,
    attribution_id: int | None = None,
    speaker: str | None = None,
    limit: int = 20,
    min_similarity: float = 0.3,
    set_thresholds: bool = True,
) -> list[SimilarQuote]:
    """Attributions and quotations resembling ``text`` or an attribution's words, best first.

    ``set_thresholds=False``: the caller already set pg_trgm's thresholds for
    ``min_similarity`` in this transaction (``statement_links.set_thresholds``).
    """
    if (text is None) == (attribution_id is None):
        raise InvalidInputError(
            "give either the words to look for or an attribution id, not both", field="text"
        )
    if not 0 < min_similarity <= 1:
        raise InvalidInputError(
            "min_similarity must be above 0 and at most 1", field="minSimilarity"
        )
    if not 1 <= limit <= 100:
        raise InvalidInputError("limit must be between 1 and 100", field="limit")
    speaker_ids: set[int] = set()
    quotation_id = None
    if attribution_id is not None:
        source = (await session.execute(SOURCE_SQL, {"id": attribution_id})).one_or_none()
        if source is None:
            raise NotFoundError(f"no attribution with id {attribution_id}", field="attribution")
        if source.text is None:
            raise InvalidInputError(
                f"attribution {attribution_id} is citation-only and has no words to look for",
                field="attribution",
            )
        text, quotation_id = source.text, source.quotation_id
        speaker_ids |= {source.speaker_id, source.said_by}
    assert text is not None
    if not text.strip():
        raise InvalidInputError("the words to look for are empty", field="text")
    if speaker:
        speaker_ids |= set(await speakers_named(session, label=speaker))
    if set_thresholds:
        await session.execute(
            SET_THRESHOLDS_SQL,
            {
                "threshold": str(min_similarity),
                "fragment_threshold": str(max(min_similarity, FRAGMENT_THRESHOLD)),
            },
        )
    rows = await session.execute(
        SIMILAR_SQL.bindparams(bindparam("exclude_id", type_=BigInteger())),
        {"text": text, "exclude_id": attribution_id, "limit": limit},
    )
    known_speaker = bool(speaker_ids) or None
    return [
        SimilarQuote(
            kind=row.kind,
            id=row.id,
            quotation_id=row.quotation_id,
            quotation_slug=row.quotation_slug,
            text=row.text,
            speaker_id=row.speaker_id,
            speaker_name=row.speaker_name,
            article_slug=row.article_slug,
            similarity=float(row.score),
            same_quotation=row.quotation_id == quotation_id,
            speaker_match=(row.speaker_id in speaker_ids) if known_speaker else None,
        )
        for row in rows
    ]
