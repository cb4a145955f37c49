"""Fidelity of each hop: how the words changed between an attribution and its source.

The comparison itself lives in SQL (``quote_fidelity()``, migration 0002) so that the
``attribution_fidelity`` view analysts query and this service can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import BigInteger, Text

from provenance.errors import NotFoundError


class Verdict(StrEnum):
    """What happened to the words on one hop."""

    IDENTICAL = "identical"
    TRUNCATED = "truncated"  # words cut at the start or end
    ELIDED = "elided"  # words left out in the middle (marked with … or not)
    INSERTED = "inserted"  # bracketed editorial insertion, "IS [Daesh] fighters"
    REWORDED = "reworded"  # other words: paraphrase or change
    TRANSLATED = "translated"  # the attribution carries a translation marker


class ChangeKind(StrEnum):
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(frozen=True)
class Change:
    """One run of differing words: ``upstream_text`` became ``text``."""

    kind: ChangeKind
    upstream_text: str | None
    text: str | None
    position: int  # index of the first upstream word concerned, from 0


@dataclass(frozen=True)
class Comparison:
    """The verdict, similarity (0..1) and word-level changes between two texts."""

    verdict: Verdict
    similarity: float
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Fidelity:
    """An attribution compared with what it was taken from."""

    attribution_id: int
    upstream_id: int | None
    compared_with: str  # "upstream" or "quotation" (the canonical text)
    upstream_text: str
    text: str
    comparison: Comparison


FIDELITY_SQL = text(
    "SELECT * FROM attribution_fidelity WHERE attribution_id = ANY(:ids) AND verdict IS NOT NULL"
).bindparams(bindparam("ids", type_=ARRAY(BigInteger())))

COMPARE_SQL = text(
    "SELECT verdict, similarity, changes FROM quote_fidelity(:upstream_text, :text, :kinds)"
).bindparams(bindparam("kinds", type_=ARRAY(Text())))

PAIR_SQL = text(
    """
    SELECT u.text AS upstream_text, a.text,
           ARRAY(SELECT m.kind FROM attribution_markers m WHERE m.attribution_id = a.id) AS kinds
    FROM attributions a, attributions u
    WHERE a.id = :attribution_id AND u.id = :other_id
    """
)


def _comparison(verdict: str, similarity: float, changes: list[dict[str, Any]]) -> Comparison:
    return Comparison(
        verdict=Verdict(verdict),
        similarity=float(similarity),
        changes=tuple(
            Change(ChangeKind(c["kind"]), c.get("upstream_text"), c.get("text"), c["position"])
            for c in changes
        ),
    )


async def fidelities(
    session: AsyncSession, *, attribution_ids: Sequence[int]
) -> dict[int, Fidelity]:
    """The fidelity of each attribution that has words, in one query (for dataloaders)."""
    if not attribution_ids:
        return {}
    result = await session.execute(FIDELITY_SQL, {"ids": sorted(set(attribution_ids))})
    return {
        row["attribution_id"]: Fidelity(
            attribution_id=row["attribution_id"],
            upstream_id=row["upstream_id"],
            compared_with=row["compared_with"],
            upstream_text=row["upstream_text"],
            text=row["text"],
            comparison=_comparison(row["verdict"], row["similarity"], row["changes"]),
        )
        for row in result.mappings()
    }


async def compare_texts(
    session: AsyncSession, *, upstream_text: str, text: str, marker_kinds: Sequence[str] = ()
) -> Comparison:
    """Compare any two wordings of a quotation, as a hop would be compared."""
    row = (
        await session.execute(
            COMPARE_SQL,
            {"upstream_text": upstream_text, "text": text, "kinds": list(marker_kinds)},
        )
    ).one()
    return _comparison(row.verdict, row.similarity, row.changes)


async def compare_attributions(
    session: AsyncSession, *, attribution_id: int, other_id: int
) -> Comparison:
    """Compare an attribution's words with another attribution's (two articles, one quote)."""
    row = (
        await session.execute(PAIR_SQL, {"attribution_id": attribution_id, "other_id": other_id})
    ).one_or_none()
    if row is None:
        raise NotFoundError(
            f"no attributions with ids {attribution_id} and {other_id}", field="attribution"
        )
    if row.text is None or row.upstream_text is None:
        raise NotFoundError(
            "one of the attributions is citation-only and has no words to compare",
            field="attribution",
            hint="compare attributions from archived articles",
        )
    return await compare_texts(
        session, upstream_text=row.upstream_text, text=row.text, marker_kinds=row.kinds
    )
