"""Record an article and the extractor's candidate attributions through the write path.

Candidates are stored with status ``extracted`` and the extractor's confidence, for a person
to confirm. Speakers are matched only through their stored names and aliases (exact, case
insensitive): similar spellings never merge two people. A candidate whose words resemble a
quotation already recorded for the same speaker joins that quotation, and the earlier
appearance is proposed as its upstream; a named outlet the words came through becomes a
citation-only upstream article when nothing earlier is known.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import (
    Candidate,
    Knowledge,
    KnownSpeaker,
    SpeakerRef,
    SpeakerType,
    extract,
)
from provenance.extraction.lexicon import PRONOUNS
from provenance.extraction.mentions import classify, is_outlet_name, strip_determiner
from provenance.models import (
    AliasKind,
    Article,
    Attribution,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    Outlet,
    Quotation,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
)
from provenance.services import records
from provenance.services.errors import InvalidInputError
from provenance.services.similar import similar_quotes
from provenance.services.slugs import slugify

# Trigram similarity (on normalise_quote) above which two texts are the same statement.
SAME_STATEMENT = 0.5

_SPEAKER_KINDS = {
    SpeakerType.PERSON: SpeakerKind.PERSON,
    SpeakerType.ORGANISATION: SpeakerKind.ORGANISATION,
    SpeakerType.OUTLET: SpeakerKind.OUTLET,
    SpeakerType.UNNAMED: SpeakerKind.UNNAMED,
    SpeakerType.UNKNOWN: SpeakerKind.UNNAMED,
}


@dataclass(frozen=True)
class StoredCandidate:
    """What became of one candidate."""

    candidate: Candidate
    attribution_id: int | None  # None when a person's record at that place was kept
    quotation_slug: str | None
    speaker_slug: str | None
    new_speaker: bool
    new_quotation: bool
    upstream_id: int | None  # the proposed upstream appearance
    similarity: float | None  # of the recognised earlier quotation, when there is one


@dataclass(frozen=True)
class StoredArticle:
    """The stored article and its candidates."""

    article_slug: str
    article_id: int
    candidates: list[StoredCandidate]


def short_hash(*parts: str) -> str:
    """Eight hex digits identifying ``parts`` (for unique, repeatable slugs)."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:8]


async def load_knowledge(session: AsyncSession) -> Knowledge:
    """Stored speakers with their aliases, and outlet names, for the extractor."""
    rows = await session.execute(
        select(Speaker.name, Speaker.kind, Speaker.slug, SpeakerAlias.alias)
        .outerjoin(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .order_by(Speaker.id, SpeakerAlias.id)
    )
    grouped: dict[str, tuple[str, str, list[str]]] = {}
    for name, kind, slug, alias in rows:
        entry = grouped.setdefault(slug, (name, kind, []))
        if alias is not None:
            entry[2].append(alias)
    speakers = tuple(
        KnownSpeaker(name, tuple(aliases), SpeakerType(kind), slug)
        for slug, (name, kind, aliases) in grouped.items()
    )
    outlets = tuple(await session.scalars(select(Outlet.name).order_by(Outlet.id)))
    return Knowledge(speakers, outlets)


async def _outlet_named(session: AsyncSession, name: str, *, create: bool) -> Outlet | None:
    bare = strip_determiner(name.strip())
    outlet = await session.scalar(
        select(Outlet).where(
            (func.lower(Outlet.name) == bare.lower()) | (Outlet.slug == bare.lower())
        )
    )
    if outlet is None and create:
        outlet = await records.upsert_outlet(session, slug=slugify(bare), name=bare)
    return outlet


async def _speakers_with_label(session: AsyncSession, label: str) -> list[Speaker]:
    variants = {label.lower(), strip_determiner(label).lower()}
    found = await session.scalars(
        select(Speaker)
        .outerjoin(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .where(
            func.lower(func.btrim(Speaker.name)).in_(variants)
            | func.lower(func.btrim(SpeakerAlias.alias)).in_(variants)
        )
        .order_by(Speaker.id)
        .distinct()
    )
    return list(found)


def _labels(speaker: SpeakerRef) -> list[str]:
    labels = [speaker.resolved, speaker.description, speaker.as_printed]
    return [x for x in labels if x and x.strip().lower() not in PRONOUNS]


async def _speaker(
    session: AsyncSession, ref: SpeakerRef, article_slug: str
) -> tuple[Speaker, bool]:
    for label in _labels(ref):
        found = await _speakers_with_label(session, label)
        if found:
            return found[0], False
    name = ref.best if ref.best and ref.best.lower() not in PRONOUNS else None
    if name is None:
        name = f"Unidentified speaker in {article_slug}"
    kind = _SPEAKER_KINDS[ref.type] if name == ref.best else SpeakerKind.UNNAMED
    outlet_id = None
    if kind is SpeakerKind.OUTLET:
        outlet = await _outlet_named(session, name, create=True)
        outlet_id = outlet.id if outlet else None
    aliases: list[tuple[str, AliasKind]] = []
    for label in _labels(ref):
        alias_kind = AliasKind.NAME if classify(label).name else AliasKind.ROLE
        if label not in [a for a, _ in aliases]:
            aliases.append((label, alias_kind))
    slug = f"{slugify(name, max_words=6)}-{short_hash(name, ref.type.value)}"
    speaker = await records.upsert_speaker(
        session,
        slug=slug,
        name=name,
        kind=kind,
        outlet_id=outlet_id,
        description="Found by the extractor; not yet confirmed.",
        aliases=aliases,
    )
    return speaker, True


def _quotation_text(candidate: Candidate) -> str:
    """The words without editorial insertions or a trailing comma."""
    words = re.sub(r"\s*\[[^\]]*\]", "", candidate.text) if candidate.markers else candidate.text
    return words.rstrip(" ,;:") or candidate.text


async def _earlier_appearance(
    session: AsyncSession, candidate: Candidate, speaker: Speaker, article: Article
) -> tuple[int, int | None, float] | None:
    """(quotation id, upstream attribution id, similarity) of the same statement, if any."""
    if len(candidate.text.split()) < 3:
        return None  # a word or two ("respects") is too little to recognise a statement
    found = await similar_quotes(
        session, text=candidate.text, limit=10, min_similarity=SAME_STATEMENT
    )
    for row in found:
        if row.speaker_id != speaker.id or row.article_slug == article.slug:
            continue
        upstream = row.id if row.kind == "attribution" else None
        return row.quotation_id, upstream, row.similarity
    return None


async def _appearance_through(
    session: AsyncSession, quotation_id: int, intermediary: str | None, article: Article
) -> int | None:
    """An appearance of the quotation in an article of the named outlet."""
    if intermediary is None:
        return None
    outlet = await _outlet_named(session, intermediary, create=False)
    if outlet is None:
        return None
    return await session.scalar(
        select(Attribution.id)
        .join(Article, Article.id == Attribution.article_id)
        .where(
            Attribution.quotation_id == quotation_id,
            Article.outlet_id == outlet.id,
            Article.id != article.id,
        )
        .order_by(Article.published_on.nulls_last(), Attribution.id)
        .limit(1)
    )


async def _citation_hop(
    session: AsyncSession, candidate: Candidate, quotation: Quotation, article: Article
) -> int | None:
    """A citation-only article of the intermediary outlet, holding the quotation's first hop."""
    middle = candidate.intermediary
    if middle is None:
        return None
    known = await _outlet_named(session, middle, create=False)
    if known is None and not is_outlet_name(middle):
        return None  # a person or body the words came through, not a publication
    outlet = known or await _outlet_named(session, middle, create=True)
    if outlet is None:
        return None
    cited = await records.upsert_article(
        session,
        slug=f"{outlet.slug}-cited-in-{article.slug}"[:120].rstrip("-"),
        outlet_id=outlet.id,
        cited_as=candidate.cue or f"{outlet.name}, cited in {article.slug}",
    )
    hop = await records.record_attribution(
        session, article=cited, quotation=quotation, kind=AttributionKind(candidate.kind.value)
    )
    hop.status = AttributionStatus.EXTRACTED
    hop.confidence = candidate.confidence
    await session.flush()
    return hop.id


async def _kept_by_person(session: AsyncSession, article: Article, candidate: Candidate) -> bool:
    status = await session.scalar(
        select(Attribution.status).where(
            Attribution.article_id == article.id,
            Attribution.start_offset == candidate.start,
            Attribution.end_offset == candidate.end,
        )
    )
    return status is not None and status != AttributionStatus.EXTRACTED


async def store_candidate(
    session: AsyncSession, *, article: Article, candidate: Candidate
) -> StoredCandidate:
    """Record one candidate in ``article`` (status extracted), linking what is known."""
    if await _kept_by_person(session, article, candidate):
        return StoredCandidate(candidate, None, None, None, False, False, None, None)
    speaker, new_speaker = await _speaker(session, candidate.speaker, article.slug)
    earlier = await _earlier_appearance(session, candidate, speaker, article)
    similarity = None
    upstream_id = None
    if earlier is not None:
        quotation_id, upstream_id, similarity = earlier
        quotation = await session.get_one(Quotation, quotation_id)
        through = await _appearance_through(session, quotation_id, candidate.intermediary, article)
        upstream_id = through or upstream_id
        new_quotation = False
    else:
        words = _quotation_text(candidate)
        quotation = await records.upsert_quotation(
            session,
            slug=f"{slugify(words, max_words=6)}-{short_hash(words, speaker.slug)}",
            speaker_id=speaker.id,
            text=words,
        )
        new_quotation = True
    if upstream_id is None:
        upstream_id = await _citation_hop(session, candidate, quotation, article)
    attribution = await records.record_attribution(
        session,
        article=article,
        quotation=quotation,
        kind=AttributionKind(candidate.kind.value),
        text=candidate.text,
        start=candidate.start,
        speaker_id=speaker.id,
        speaker_label=candidate.speaker.as_printed,
        cue=candidate.cue,
        upstream_id=upstream_id,
        markers=[
            records.MarkerInput(MarkerKind(m.kind), m.text, m.position, m.note)
            for m in candidate.markers
        ],
    )
    attribution.status = AttributionStatus.EXTRACTED
    attribution.confidence = round(candidate.confidence, 3)
    await session.flush()
    return StoredCandidate(
        candidate,
        attribution.id,
        quotation.slug,
        speaker.slug,
        new_speaker,
        new_quotation,
        upstream_id,
        similarity,
    )


async def store_extraction(
    session: AsyncSession,
    *,
    body: str,
    slug: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published_on: date | None = None,
    url: str | None = None,
    candidates: Sequence[Candidate] | None = None,
) -> StoredArticle:
    """Record the article and its extracted candidates; the caller owns the transaction."""
    if not body.strip():
        raise InvalidInputError("the article text is empty", field="text")
    article = None
    if url is not None:
        article = await session.scalar(select(Article).where(Article.url == url))
        if article is not None and article.body != body:
            raise InvalidInputError(
                f"an article with url {url!r} is already stored with other text",
                field="url",
                hint="store the new text under another url, or leave the url out",
            )
    if article is None:
        publisher = await _outlet_named(session, outlet, create=True) if outlet else None
        article = await records.upsert_article(
            session,
            slug=slug or f"{slugify(title or body, max_words=6)}-{short_hash(body)}",
            outlet_id=publisher.id if publisher else None,
            url=url,
            title=title,
            published_on=published_on,
            body=body,
        )
    if candidates is None:
        candidates = extract(body, knowledge=await load_knowledge(session))
    stored = [await store_candidate(session, article=article, candidate=c) for c in candidates]
    return StoredArticle(article.slug, article.id, stored)
