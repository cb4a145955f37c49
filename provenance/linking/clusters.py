"""Measure cross-article linking on story clusters annotated like ../shared/real-articles/.

Each cluster's articles are stored one after another (``store_extraction``) inside one
transaction that is rolled back, so the database is left as it was. Candidates are either
the annotated quotations themselves (the linker alone: speakers are the annotated origins
of their chains) or the extractor's (end to end: each annotated quotation is matched to the
candidate overlapping at least half of it). A shared pair (``shared_with`` across articles)
is **joined** when both sides are appearances of one quotation, **proposed** when a
``statement_links`` row joins them without it; a join between quotations that are not
annotated as shared is **wrong**.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import Candidate, CandidateKind, SpeakerRef, SpeakerType
from provenance.models import Attribution, LinkDecision, StatementLink
from provenance.services.extraction_store import store_extraction


@dataclass
class ClusterScore:
    """Counts over the pairs of one cluster (or all)."""

    pairs: int = 0
    joined: int = 0
    proposed: int = 0
    unmatched: int = 0  # end to end: a side the extractor did not find
    wrong_joins: int = 0
    wrong_proposals: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: ClusterScore) -> None:
        self.pairs += other.pairs
        self.joined += other.joined
        self.proposed += other.proposed
        self.unmatched += other.unmatched
        self.wrong_joins += other.wrong_joins
        self.wrong_proposals += other.wrong_proposals
        self.missed += other.missed
        self.wrong += other.wrong


@dataclass(frozen=True)
class AnnotatedArticle:
    name: str
    body: str
    outlet: str
    cluster: str
    quotes: list[dict[str, Any]]


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    _, _, body = text.partition("\n\n")
    return body[:-1] if body.endswith("\n") else body


def _span(body: str, quote: dict[str, Any]) -> tuple[int, int]:
    words, start = str(quote["text"]), -1
    for _ in range(int(quote.get("occurrence") or 1)):
        start = body.index(words, start + 1)
    return start, start + len(words)


def load_clusters(directory: Path) -> dict[str, list[AnnotatedArticle]]:
    """The annotated articles of each story cluster, in file order."""
    clusters: dict[str, list[AnnotatedArticle]] = defaultdict(list)
    for path in sorted((directory / "annotations").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not data.get("story_cluster"):
            continue
        body = _body(directory / "articles" / f"{data['article']}.txt")
        outlet = str(data.get("outlet") or "unknown").split(" (")[0]
        clusters[data["story_cluster"]].append(
            AnnotatedArticle(data["article"], body, outlet, data["story_cluster"], data["quotes"])
        )
    return dict(clusters)


def annotated_candidates(article: AnnotatedArticle) -> list[Candidate]:
    """The annotated quotations as candidates, spoken by the origin of their chain."""
    found = []
    for quote in article.quotes:
        start, end = _span(article.body, quote)
        chain = quote.get("chain") or []
        origin = chain[0].get("speaker") if chain else None
        if origin:  # "Morgan Tsvangirai (news conference in Harare)": the name alone
            origin = re.sub(r"\s*\([^)]*\)", "", str(origin)).strip() or None
        named = quote["speaker"].get("name")
        printed = named or quote["speaker"].get("role")
        # Sources the article does not name ("provisional government officials") are
        # unnamed: each is a speaker of its own, so neither same nor different.
        kind = SpeakerType.PERSON if named else SpeakerType.UNNAMED
        speaker = SpeakerRef(printed, origin, None, kind)
        found.append(
            Candidate(
                article.body[start:end],
                start,
                end,
                CandidateKind(quote["kind"]),
                speaker,
                quote.get("cue"),
                None,
                confidence=0.9,
                rule="annotation",
            )
        )
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


async def measure_cluster(
    session: AsyncSession, articles: list[AnnotatedArticle], *, extractor: bool
) -> ClusterScore:
    """Store the cluster's articles in order and count its shared pairs joined."""
    where: dict[str, int | None] = {}  # "article#qid" -> attribution id
    for article in articles:
        candidates = None if extractor else annotated_candidates(article)
        stored = await store_extraction(
            session,
            body=article.body,
            title=article.name,
            outlet=article.outlet,
            slug=article.name.replace("_", "-").lower()[:100],
            candidates=candidates,
        )
        for quote in article.quotes:
            span = _span(article.body, quote)
            # Of the candidates covering half the annotated span, the closest (nested
            # spans: the inner one for the inner quotation).
            best, best_fit = None, 0.0
            for item in stored.candidates:
                other = (item.candidate.start, item.candidate.end)
                shared = _overlap(span, other)
                union = max(span[1], other[1]) - min(span[0], other[0])
                if shared * 2 >= span[1] - span[0] and shared / union > best_fit:
                    best, best_fit = item.attribution_id, shared / union
            where[f"{article.name}#{quote['id']}"] = best
    gold = {
        (f"{a.name}#{q['id']}", other)
        for a in articles
        for q in a.quotes
        for other in q.get("shared_with") or []
        if other.split("#")[0] != a.name
    }
    ids = [i for i in where.values() if i is not None]
    quotation_of = dict(
        (
            await session.execute(
                select(Attribution.id, Attribution.quotation_id).where(Attribution.id.in_(ids))
            )
        ).all()
    )
    links = (
        await session.execute(
            select(
                StatementLink.attribution_id, StatementLink.earlier_id, StatementLink.decision
            ).where(or_(StatementLink.attribution_id.in_(ids), StatementLink.earlier_id.in_(ids)))
        )
    ).all()
    linked = {frozenset((a, b)): d for a, b, d in links}
    score = ClusterScore()
    keys_of: dict[int, set[str]] = defaultdict(set)
    for key, ident in where.items():
        if ident is not None:
            keys_of[ident].add(key)
    for left, right in {tuple(sorted(p)) for p in gold}:
        score.pairs += 1
        a, b = where.get(left), where.get(right)
        if a is None or b is None:
            score.unmatched += 1
            score.missed.append(f"{left} ~ {right} (not extracted)")
        elif quotation_of.get(a) == quotation_of.get(b):
            score.joined += 1
        elif frozenset((a, b)) in linked:
            score.proposed += 1
            score.missed.append(f"{left} ~ {right} (proposed)")
        else:
            score.missed.append(f"{left} ~ {right}")
    golden = {frozenset(p) for p in gold}
    for (a, b), decision in ((tuple(k), d) for k, d in linked.items() if len(k) == 2):
        pairs = {frozenset((x, y)) for x in keys_of.get(a, ()) for y in keys_of.get(b, ())}
        if pairs & golden or any(
            x.split("#")[0] == y.split("#")[0]
            for x, y in itertools.product(keys_of.get(a, ()), keys_of.get(b, ()))
        ):
            continue
        names = f"{sorted(keys_of.get(a, {'?'}))} ~ {sorted(keys_of.get(b, {'?'}))}"
        if decision == LinkDecision.JOINED.value:
            score.wrong_joins += 1
            score.wrong.append(f"joined {names}")
        else:
            score.wrong_proposals += 1
            score.wrong.append(f"proposed {names}")
    return score
