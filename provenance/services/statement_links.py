"""The same statement in other stored articles: scored candidates, and the links recorded.

When a candidate is stored, stored appearances that may render the same statement are
gathered (trigram neighbours of its words, and the appearances of the same speaker) and
scored by ``provenance.linking.score_statements``. The best one at or above
``JOIN_SCORE`` is joined (same quotation, upstream link, the attribution stays
``extracted`` for a person to confirm); others at or above ``PROPOSE_SCORE`` are only
proposed. Every link is a row of ``statement_links`` with its score.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.linking import JOIN_SCORE, PROPOSE_SCORE, score_statements
from provenance.models import (
    Article,
    Attribution,
    LinkDecision,
    Quotation,
    Speaker,
    SpeakerKind,
    StatementLink,
)
from provenance.services.similar import similar_quotes

# How many of the speaker's own appearances are scored (the most recent first).
SPEAKER_POOL = 300
# Proposals kept per appearance besides the joined one.
MAX_PROPOSALS = 3
METHOD = "lexical"


@dataclass(frozen=True)
class EarlierAppearance:
    """A stored appearance that may render the same statement."""

    attribution_id: int
    quotation_id: int
    score: float
    closeness: float = 0.0  # whole-string similarity: breaks ties towards the same words

    @property
    def joins(self) -> bool:
        return self.score >= JOIN_SCORE


def _speaker_name(kind: str, name: str) -> str | None:
    """A name to compare, or None for unnamed sources (each is a row of its own)."""
    return None if kind == SpeakerKind.UNNAMED else name


async def earlier_appearances(
    session: AsyncSession, *, text: str, speaker: Speaker, article: Article
) -> list[EarlierAppearance]:
    """Stored appearances in other articles scoring at least PROPOSE_SCORE, best first."""
    if len(text.split()) < 2:
        return []  # one word ("respects") is too little to recognise a statement
    pool: set[int] = set()
    for row in await similar_quotes(session, text=text, limit=20, min_similarity=0.3):
        if row.kind == "attribution" and row.article_slug != article.slug:
            pool.add(row.id)
    own = await session.scalars(
        select(Attribution.id)
        .join(Quotation, Quotation.id == Attribution.quotation_id)
        .where(
            (Attribution.speaker_id == speaker.id) | (Quotation.speaker_id == speaker.id),
            Attribution.article_id != article.id,
            Attribution.text.is_not(None),
        )
        .order_by(Attribution.id.desc())
        .limit(SPEAKER_POOL)
    )
    pool.update(own)
    if not pool:
        return []
    rows = await session.execute(
        select(
            Attribution.id,
            Attribution.quotation_id,
            Attribution.text,
            Speaker.id,
            Speaker.kind,
            Speaker.name,
        )
        .join(Speaker, Speaker.id == Attribution.speaker_id)
        .where(Attribution.id.in_(pool), Attribution.article_id != article.id)
    )
    mine = _speaker_name(speaker.kind, speaker.name)
    found = []
    for attribution_id, quotation_id, words, speaker_id, kind, name in rows:
        if words is None:
            continue
        # One speaker row is one speaker, even an unnamed one; other unnamed rows are unknown.
        theirs = speaker.name if speaker_id == speaker.id else _speaker_name(kind, name)
        ours = speaker.name if speaker_id == speaker.id else mine
        scored = score_statements(text, words, speaker_a=ours, speaker_b=theirs)
        if scored.score >= PROPOSE_SCORE:
            found.append(
                EarlierAppearance(attribution_id, quotation_id, scored.score, scored.sequence)
            )
    found.sort(key=lambda e: (-e.score, -e.closeness, e.attribution_id))
    return found


async def record_links(
    session: AsyncSession,
    *,
    attribution_id: int,
    earlier: list[EarlierAppearance],
    joined: EarlierAppearance | None,
) -> list[EarlierAppearance]:
    """Keep the joined link and the best other proposals (once: reruns add nothing);
    return the proposals."""
    proposals = [e for e in earlier if e is not joined][:MAX_PROPOSALS]
    links = ([joined] if joined else []) + proposals
    for link in links:
        decision = LinkDecision.JOINED if link is joined else LinkDecision.PROPOSED
        await session.execute(
            insert(StatementLink)
            .values(
                attribution_id=attribution_id,
                earlier_id=link.attribution_id,
                score=round(link.score, 4),
                method=METHOD,
                decision=decision.value,
            )
            .on_conflict_do_nothing(constraint="uq_statement_links_pair")
        )
    return proposals


async def links_of(session: AsyncSession, *, attribution_id: int) -> list[StatementLink]:
    """The links recorded for an appearance, best score first."""
    found = await session.scalars(
        select(StatementLink)
        .where(StatementLink.attribution_id == attribution_id)
        .order_by(StatementLink.score.desc(), StatementLink.id)
    )
    return list(found)
