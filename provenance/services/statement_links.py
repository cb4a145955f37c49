"""The same statement in other stored articles: scored candidates, and the links recorded.

When a candidate is stored, stored appearances that may render the same statement are
gathered (trigram neighbours of its words, and the appearances of the same speaker) and
scored by ``provenance.linking.score_statements``. The best one at or above
``JOIN_SCORE`` is joined (same quotation, upstream link, the attribution stays
``extracted`` for a person to confirm); others at or above ``PROPOSE_SCORE`` are only
proposed. Every link is a row of ``statement_links`` with its score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy import text as sql_text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import BigInteger

from provenance.linking import JOIN_SCORE, PROPOSE_SCORE, score_statements
from provenance.linking.score import names_itself
from provenance.models import (
    Article,
    LinkDecision,
    Speaker,
    SpeakerKind,
    StatementLink,
)
from provenance.services.similar import FRAGMENT_THRESHOLD, SET_THRESHOLDS_SQL, SIMILAR_SQL

# How many of the speaker's own appearances are scored (the most recent first).
SPEAKER_POOL = 300
# Proposals kept per appearance besides the joined one.
MAX_PROPOSALS = 3
METHOD = "lexical"
# The best score of a pair where one side names its own speaker in full (a span run on).
RUN_ON_SCORE = round(JOIN_SCORE - 0.01, 4)
# The trigram similarity a neighbour needs (pg_trgm; fragments: FRAGMENT_THRESHOLD), and
# how many of the nearest (similar_quotes: attributions and quotations) are looked at.
MIN_SIMILARITY = 0.3
NEIGHBOURS = 20

# The speaker's own most recent appearances in other articles: part of both pools below.
_OWN_SELECT = """
        SELECT a.id FROM attributions a JOIN quotations q ON q.id = a.quotation_id
        WHERE (a.speaker_id = :speaker_id OR q.speaker_id = :speaker_id)
          AND a.article_id <> :article_id AND a.text IS NOT NULL
        ORDER BY a.id DESC
        LIMIT :speaker_pool"""
_OWN_CTE = f"""
    own AS ({_OWN_SELECT}
    )"""
# What scoring needs of each appearance in a pool.
_POOL_COLUMNS = "a.id, a.quotation_id, a.text, s.id AS speaker_id, s.kind, s.name, ar.published_on"
_POOL_JOINS = """
    JOIN attributions a ON a.id = pool.id
    JOIN speakers s ON s.id = a.speaker_id
    JOIN articles ar ON ar.id = a.article_id
    WHERE a.article_id <> :article_id
    """
_POOL_ROWS = f"""
    SELECT {_POOL_COLUMNS}
    FROM pool{_POOL_JOINS}"""

# One statement for the pool of a candidate: the appearances in other articles among its
# trigram neighbours (similar_quotes' own query, over attributions and quotations), and
# the speaker's own most recent appearances elsewhere, with what scoring needs.
POOL_SQL = sql_text(
    f"""
    WITH neighbours AS ({SIMILAR_SQL.text}),{_OWN_CTE},
    pool AS (
        SELECT id FROM neighbours WHERE kind = 'attribution' AND article_slug <> :article_slug
        UNION
        SELECT id FROM own
    ){_POOL_ROWS}"""
)


# The pool again, for neighbours found already (``neighbours_of``, all of an article's
# candidates in one statement): those and the speaker's own appearances elsewhere.
OWN_POOL_SQL = sql_text(
    f"""
    WITH{_OWN_CTE},
    pool AS (
        SELECT unnest(CAST(:neighbour_ids AS bigint[])) AS id
        UNION
        SELECT id FROM own
    ){_POOL_ROWS}"""
)

# The pools of many candidates of one article at once (OWN_POOL_SQL for each, by position):
# the neighbours given for each (position, id pairs) and its speaker's own appearances.
OWN_POOLS_SQL = sql_text(
    f"""
    WITH given AS MATERIALIZED (
        SELECT * FROM unnest(CAST(:given_ords AS int[]), CAST(:given_ids AS bigint[]))
            AS g(ord, id)
    )
    SELECT c.ord, {_POOL_COLUMNS}
    FROM unnest(CAST(:ords AS int[]), CAST(:speaker_ids AS bigint[])) AS c(ord, speaker_id)
    CROSS JOIN LATERAL (
        SELECT given.id FROM given WHERE given.ord = c.ord
        UNION
        ({_OWN_SELECT.replace(":speaker_id", "c.speaker_id")})
    ) pool{_POOL_JOINS}"""
)

# The appearances holding each of the article's names (by position, from -1 down): the most
# recent, to find the stored articles of the same story. Part of both statements below.
_NAMED_SQL = """
    SELECT -m.ord, x.id, x.article_id, x.rank
    FROM named m CROSS JOIN LATERAL (
        SELECT a.id, a.article_id, row_number() OVER (ORDER BY a.id DESC) AS rank
        FROM attributions a
        WHERE m.t <% a.text AND a.article_id <> :article_id
        ORDER BY a.id DESC
        LIMIT :limit
    ) x
    ORDER BY 1, 4
"""
_PROBES_SQL = """
    WITH probe AS MATERIALIZED (
        SELECT ord, normalise_quote(t) AS t
        FROM unnest(CAST(:texts AS text[])) WITH ORDINALITY AS u(t, ord)
        WHERE t <> ''
    ),
    named AS MATERIALIZED (
        SELECT ord, lower(t) AS t FROM unnest(CAST(:names AS text[])) WITH ORDINALITY AS u(t, ord)
    )
"""

# The trigram neighbours in other articles of each of many texts (by position, from 1): the
# nearest NEIGHBOURS of each, whole text alike (%) or found inside a longer one (<%), by their
# best score, then id; and the appearances holding each name (_NAMED_SQL). This is the plain
# statement; NEIGHBOURS_SQL answers the same.
REFERENCE_NEIGHBOURS_SQL = sql_text(
    _PROBES_SQL
    + """
    SELECT p.ord, n.id, n.article_id, n.rank
    FROM probe p CROSS JOIN LATERAL (
        SELECT h.id, h.article_id,
               row_number() OVER (ORDER BY max(h.score) DESC, h.id) AS rank
        FROM (
            SELECT a.id, a.article_id, similarity(a.text, p.t) AS score
            FROM attributions a WHERE a.text % p.t
            UNION ALL
            SELECT a.id, a.article_id, word_similarity(p.t, a.text)
            FROM attributions a WHERE p.t <% a.text
        ) h
        WHERE h.article_id <> :article_id
        GROUP BY h.id, h.article_id
        ORDER BY max(h.score) DESC, h.id
        LIMIT :limit
    ) n
    UNION ALL
    """
    + _NAMED_SQL
)

# The same neighbours for about half the work. word_similarity is never below similarity
# (the whole text is one of the extents it takes the best of), so a text found inside
# (<%, word_similarity at least FRAGMENT_THRESHOLD) scores its word_similarity and ranks
# above every text only alike as a whole (similarity below FRAGMENT_THRESHOLD). So the
# <% hits come first, and the % search runs only when they are fewer than the limit,
# skipping them: each hit's score is computed once, by one operator.
NEIGHBOURS_SQL = sql_text(
    _PROBES_SQL
    + """
    SELECT p.ord, n.id, n.article_id, n.rank
    FROM probe p CROSS JOIN LATERAL (
        WITH inside AS MATERIALIZED (
            SELECT a.id, a.article_id, word_similarity(p.t, a.text) AS score
            FROM attributions a
            WHERE p.t <% a.text AND a.article_id <> :article_id
            ORDER BY score DESC, a.id
            LIMIT :limit
        )
        SELECT h.id, h.article_id,
               row_number() OVER (ORDER BY h.tier, h.score DESC, h.id) AS rank
        FROM (
            SELECT id, article_id, 1 AS tier, score FROM inside
            UNION ALL (
                SELECT a.id, a.article_id, 2, similarity(a.text, p.t)
                FROM attributions a
                WHERE (SELECT count(*) FROM inside) < :limit
                  AND a.text % p.t AND a.article_id <> :article_id
                  AND a.id <> ALL (ARRAY(SELECT id FROM inside))
                ORDER BY 4 DESC, a.id
                LIMIT :limit
            )
        ) h
        ORDER BY h.tier, h.score DESC, h.id
        LIMIT :limit
    ) n
    UNION ALL
    """
    + _NAMED_SQL
)


@dataclass(frozen=True)
class Neighbour:
    """A stored appearance whose words are trigram neighbours of a candidate's."""

    attribution_id: int
    article_id: int


@dataclass(frozen=True)
class Neighbours:
    """The neighbours of each text, and the appearances holding each name."""

    of_texts: list[list[Neighbour]]
    of_names: list[list[Neighbour]]


async def neighbours_of(
    session: AsyncSession,
    *,
    article_id: int,
    texts: Sequence[str],
    names: Sequence[str] = (),
    reference: bool = False,
) -> Neighbours:
    """For each text (of two words or more), its trigram neighbours in other articles than
    ``article_id``, and for each name the latest appearances elsewhere holding it, in one
    statement; ``set_thresholds`` must have run. ``reference``: with the plain statement
    (REFERENCE_NEIGHBOURS_SQL), to compare."""
    found = Neighbours([[] for _ in texts], [[] for _ in names])
    wanted = [t if len(t.split()) >= 2 else "" for t in texts]
    if not any(wanted) and not names:
        return found
    rows = await session.execute(
        REFERENCE_NEIGHBOURS_SQL if reference else NEIGHBOURS_SQL,
        {"texts": wanted, "names": list(names), "article_id": article_id, "limit": NEIGHBOURS},
    )
    for ordinal, ident, article, _ in rows:
        if ordinal < 0:
            found.of_names[-ordinal - 1].append(Neighbour(ident, article))
        elif wanted[ordinal - 1]:
            found.of_texts[ordinal - 1].append(Neighbour(ident, article))
    return found


# A stored appearance is scored against many candidates: whether it names its own speaker
# is worked out once (names_itself is a pure function of the two strings).
_names_itself = lru_cache(maxsize=65536)(names_itself)


@dataclass(frozen=True)
class EarlierAppearance:
    """A stored appearance that may render the same statement."""

    attribution_id: int
    quotation_id: int
    score: float
    closeness: float = 0.0  # whole-string similarity: breaks ties towards the same words
    published_on: date | None = None  # of the appearance's article
    method: str = METHOD  # which scorer: lexical, or story (services/story_links.py)

    @property
    def joins(self) -> bool:
        return self.score >= JOIN_SCORE


def _speaker_name(kind: str, name: str) -> str | None:
    """A name to compare, or None for unnamed sources (each is a row of its own)."""
    return None if kind == SpeakerKind.UNNAMED else name


async def set_thresholds(session: AsyncSession) -> None:
    """Set the trigram thresholds ``earlier_appearances`` searches with, for the rest of the
    transaction (or of the savepoint it runs in): then each search can skip setting them."""
    await session.execute(
        SET_THRESHOLDS_SQL,
        {"threshold": str(MIN_SIMILARITY), "fragment_threshold": str(FRAGMENT_THRESHOLD)},
    )


async def earlier_appearances(
    session: AsyncSession,
    *,
    text: str,
    speaker: Speaker,
    article: Article,
    thresholds_set: bool = False,
    neighbours: Sequence[Neighbour] | None = None,
) -> list[EarlierAppearance]:
    """Stored appearances in other articles scoring at least PROPOSE_SCORE, best first.

    ``thresholds_set``: ``set_thresholds`` ran in this transaction (one statement less).
    ``neighbours``: the text's trigram neighbours, found already (``neighbours_of``)."""
    if len(text.split()) < 2:
        return []  # one word ("respects") is too little to recognise a statement
    if neighbours is not None:
        rows = await session.execute(
            OWN_POOL_SQL,
            {
                "neighbour_ids": [n.attribution_id for n in neighbours],
                "speaker_id": speaker.id,
                "article_id": article.id,
                "speaker_pool": SPEAKER_POOL,
            },
        )
    else:
        if not thresholds_set:
            await set_thresholds(session)
        rows = await session.execute(
            POOL_SQL.bindparams(bindparam("exclude_id", type_=BigInteger())),
            {
                "text": text,
                "exclude_id": None,
                "limit": NEIGHBOURS,
                "speaker_id": speaker.id,
                "article_id": article.id,
                "article_slug": article.slug,
                "speaker_pool": SPEAKER_POOL,
            },
        )
    return _scored(text, speaker, rows)


PoolRow = tuple[int, int, str | None, int, str, str, date | None]


async def pools_of(
    session: AsyncSession,
    *,
    article: Article,
    wanted: Sequence[tuple[Speaker, Sequence[Neighbour]]],
) -> list[list[PoolRow]]:
    """The linking pool of each candidate (its speaker and its neighbours found already),
    in one statement: what ``earlier_appearances`` fetches for one, for many."""
    if not wanted:
        return []
    given = [(n, x.attribution_id) for n, (_, found) in enumerate(wanted) for x in found]
    rows = await session.execute(
        OWN_POOLS_SQL,
        {
            "ords": list(range(len(wanted))),
            "speaker_ids": [speaker.id for speaker, _ in wanted],
            "given_ords": [n for n, _ in given],
            "given_ids": [ident for _, ident in given],
            "article_id": article.id,
            "speaker_pool": SPEAKER_POOL,
        },
    )
    pools: list[list[PoolRow]] = [[] for _ in wanted]
    for ordinal, *row in rows:
        pools[ordinal].append(tuple(row))
    return pools


def scored_pool(text: str, speaker: Speaker, rows: Sequence[PoolRow]) -> list[EarlierAppearance]:
    """``earlier_appearances`` of a pool fetched already (``pools_of``)."""
    if len(text.split()) < 2:
        return []
    return _scored(text, speaker, rows)


def _scored(text: str, speaker: Speaker, rows: Iterable[Any]) -> list[EarlierAppearance]:
    mine = _speaker_name(speaker.kind, speaker.name)
    run_on = names_itself(text, speaker.name)
    found = []
    for attribution_id, quotation_id, words, speaker_id, kind, name, published in rows:
        if words is None:
            continue
        # One speaker row is one speaker, even an unnamed one; other unnamed rows are unknown.
        theirs = speaker.name if speaker_id == speaker.id else _speaker_name(kind, name)
        ours = speaker.name if speaker_id == speaker.id else mine
        scored = score_statements(text, words, speaker_a=ours, speaker_b=theirs)
        score = scored.score
        if run_on or _names_itself(words, name):
            score = min(score, RUN_ON_SCORE)  # a span run on into narration: proposed only
        if score >= PROPOSE_SCORE:
            found.append(
                EarlierAppearance(attribution_id, quotation_id, score, scored.sequence, published)
            )
    found.sort(key=lambda e: (-e.score, -e.closeness, e.attribution_id))
    return found


@dataclass(frozen=True)
class PlannedLink:
    """A statement link to write: ``earlier`` joined or proposed for ``attribution_id``."""

    attribution_id: int
    earlier: EarlierAppearance
    decision: LinkDecision


def plan_links(
    *, attribution_id: int, earlier: list[EarlierAppearance], joined: EarlierAppearance | None
) -> tuple[list[PlannedLink], list[EarlierAppearance]]:
    """The joined link and the best other proposals; and the proposals alone."""
    proposals = [e for e in earlier if e is not joined][:MAX_PROPOSALS]
    links = [PlannedLink(attribution_id, joined, LinkDecision.JOINED)] if joined else []
    links += [PlannedLink(attribution_id, p, LinkDecision.PROPOSED) for p in proposals]
    return links, proposals


# The links of an article in one constant statement (prepared once, not compiled for each
# number of rows), in order, so that their ids follow the order given.
WRITE_LINKS_SQL = sql_text(
    """
    INSERT INTO statement_links (attribution_id, earlier_id, score, method, decision)
    SELECT * FROM unnest(
        CAST(:attribution_ids AS bigint[]), CAST(:earlier_ids AS bigint[]),
        CAST(:scores AS double precision[]), CAST(:methods AS text[]),
        CAST(:decisions AS text[])
    )
    ON CONFLICT ON CONSTRAINT uq_statement_links_pair DO NOTHING
    """
)


async def write_links(session: AsyncSession, links: Sequence[PlannedLink]) -> None:
    """Write the links in one statement, in order (once: reruns add nothing)."""
    if not links:
        return
    await session.execute(
        WRITE_LINKS_SQL,
        {
            "attribution_ids": [link.attribution_id for link in links],
            "earlier_ids": [link.earlier.attribution_id for link in links],
            "scores": [round(link.earlier.score, 4) for link in links],
            "methods": [link.earlier.method for link in links],
            "decisions": [link.decision.value for link in links],
        },
    )


async def record_links(
    session: AsyncSession,
    *,
    attribution_id: int,
    earlier: list[EarlierAppearance],
    joined: EarlierAppearance | None,
) -> list[EarlierAppearance]:
    """Keep the joined link and the best other proposals (once: reruns add nothing);
    return the proposals."""
    links, proposals = plan_links(attribution_id=attribution_id, earlier=earlier, joined=joined)
    await write_links(session, links)
    return proposals


async def links_of(session: AsyncSession, *, attribution_id: int) -> list[StatementLink]:
    """The links recorded for an appearance, best score first."""
    found = await session.scalars(
        select(StatementLink)
        .where(StatementLink.attribution_id == attribution_id)
        .order_by(StatementLink.score.desc(), StatementLink.id)
    )
    return list(found)
