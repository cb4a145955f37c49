"""How many SQL statements storing an article takes: a fixed part per article, a small
constant per candidate and per hop, so the ingest speed cannot regress silently.

The bound (docs/ingest.md): at most ``PER_ARTICLE`` statements for the article itself,
``PER_CANDIDATE`` for each candidate whose speaker is already known, ``PER_HOP`` for each
stated intermediary. Batched per article: the speakers of all candidates (one statement),
the trigram thresholds (one), the statement links (one); a new article's recorded
attributions are not looked up (it has none), nor the slugs of the citations made for its
hops (they hold its own slug).
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

from sqlalchemy import event

from provenance.db import async_engine, session_factory
from provenance.extraction import Candidate, CandidateKind, SpeakerRef, SpeakerType
from provenance.extraction.model import Hop, HopRole
from provenance.services.extraction_store import StoredArticle, store_extraction

PER_ARTICLE = 7
PER_CANDIDATE = 4
PER_HOP = 3

NAMES = ("Maria Okafor", "James Lindqvist", "Aisha Moreau", "Tomasz Castillo")
WORDS = (
    "harbour",
    "bridge",
    "rail",
    "budget",
    "school",
    "water",
    "prices",
    "strike",
    "council",
    "review",
    "tunnel",
    "ferry",
    "market",
    "tax",
    "hospital",
    "road",
    "airport",
    "housing",
    "energy",
    "grant",
    "museum",
    "park",
    "river",
    "library",
    "police",
    "court",
    "union",
    "farm",
    "forest",
    "coast",
    "port",
    "canal",
    "tram",
    "bus",
    "station",
    "clinic",
)


def _article(
    number: int, quotes: int, *, told: bool = False, distinct: bool = False
) -> tuple[str, list[Candidate]]:
    """A body of ``quotes`` quotations by the four speakers, and its candidates: alike from
    one article to the next (then joined and proposed), or ``distinct`` (new quotations)."""
    rng = random.Random(number)
    paragraphs: list[str] = []
    candidates: list[Candidate] = []
    offset = 0
    for index in range(quotes):
        name = NAMES[index % len(NAMES)]
        if distinct:
            words = " ".join(rng.sample(WORDS, 7)) + f" {number}-{index}"
        else:
            words = f"Plan {number}-{index} covers the harbour, the {index}th bridge and the rail"
        cue = "told Reuters" if told else "said"
        paragraph = f"\u201c{words},\u201d {name} {cue}."
        start = offset + 1
        hops = (Hop(HopRole.TOLD, "Reuters", cue, SpeakerType.OUTLET),) if told else ()
        candidates.append(
            Candidate(
                words,
                start,
                start + len(words),
                CandidateKind.DIRECT,
                SpeakerRef(name, name, None, SpeakerType.PERSON),
                cue,
                None,
                confidence=0.9,
                rule="test",
                hops=hops,
            )
        )
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2
    return "\n\n".join(paragraphs), candidates


def _store_counting(
    url: str, number: int, quotes: int, *, told: bool = False, distinct: bool = False
) -> tuple[int, StoredArticle]:
    body, candidates = _article(number, quotes, told=told, distinct=distinct)

    async def go() -> tuple[int, StoredArticle]:
        engine = async_engine(url, pool_size=1)
        statements: list[str] = []

        def count(*args: Any) -> None:
            statements.append(str(args[2]))

        try:
            async with session_factory(engine)() as session, session.begin():
                await session.connection()  # connected before counting starts
                event.listen(engine.sync_engine, "before_cursor_execute", count)
                stored = await store_extraction(
                    session,
                    body=body,
                    title=f"Harbour plan {number}",
                    outlet="Daily Example",
                    candidates=candidates,
                )
                event.remove(engine.sync_engine, "before_cursor_execute", count)
            return len(statements), stored
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_statements_per_article_stay_within_the_bound(empty_url: str) -> None:
    _store_counting(empty_url, 1, 4)  # the four speakers and the outlet now exist
    _store_counting(empty_url, 2, 4)
    few, stored_few = _store_counting(empty_url, 3, 2)
    many, stored_many = _store_counting(empty_url, 4, 12)
    assert all(c.attribution_id is not None for c in stored_few.candidates + stored_many.candidates)
    assert not any(c.new_speaker for c in stored_few.candidates + stored_many.candidates)
    # Earlier articles' words are similar: candidates are scored, linked, proposed.
    assert any(c.proposals or c.upstream_id for c in stored_many.candidates)
    assert few <= PER_ARTICLE + 2 * PER_CANDIDATE
    assert many <= PER_ARTICLE + 12 * PER_CANDIDATE
    assert many - few <= 10 * PER_CANDIDATE


def test_statements_per_hop_stay_within_the_bound(empty_url: str) -> None:
    _store_counting(empty_url, 1, 4, told=True)  # speakers, the outlets and Reuters exist
    plain, _ = _store_counting(empty_url, 2, 8, distinct=True)
    told, stored = _store_counting(empty_url, 3, 8, told=True, distinct=True)
    assert all(c.new_quotation and c.upstream_id is not None for c in stored.candidates)
    assert plain <= PER_ARTICLE + 8 * PER_CANDIDATE
    assert told - plain <= 8 * PER_HOP
